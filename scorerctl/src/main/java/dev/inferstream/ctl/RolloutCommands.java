package dev.inferstream.ctl;

import dev.inferstream.schemas.Arm;
import dev.inferstream.schemas.Cascade;
import dev.inferstream.schemas.Combiner;
import dev.inferstream.schemas.Confidence;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.Ensemble;
import dev.inferstream.schemas.EnsembleMember;
import dev.inferstream.schemas.Experiment;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The commands that change a model's deployment; each publishes a new revision to the control topic. */
final class RolloutCommands {
    private RolloutCommands() {}

    /** What every changing command shares: the model, who, why, and the publishing. */
    abstract static class Change implements Callable<Integer> {
        @ParentCommand
        ScorerCtl root;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "MODEL", description = "Model name")
        String model;

        @Option(names = "--reason", description = "Why; kept in the deployment and its history")
        String reason;

        @Option(names = "--by", defaultValue = "${env:USER:-scorerctl}",
                description = "Who makes the change (default: $USER)")
        String changedBy;

        @Override
        public Integer call() {
            Session session = root.session(spec.commandLine().getOut());
            session.change(model, this::next, first(), changedBy, reason == null ? defaultReason() : reason);
            return 0;
        }

        abstract Deployment.Builder next(Deployment current);

        /** The deployment when the model has none yet; null: the command needs an existing deployment. */
        Supplier<Deployment.Builder> first() {
            return null;
        }

        abstract String defaultReason();
    }

    @Command(name = "deploy", description = "Make VERSION stable for all traffic (ends any canary, experiment, "
            + "ensemble or cascade)")
    static final class Deploy extends Change {
        @Parameters(index = "1", paramLabel = "VERSION")
        int version;

        @Override
        Deployment.Builder next(Deployment current) {
            return Rollouts.deploy(current, version);
        }

        @Override
        Supplier<Deployment.Builder> first() {
            return () -> Rollouts.first(model, version);
        }

        @Override
        String defaultReason() {
            return "deploy v" + version;
        }
    }

    @Command(name = "canary", description = "Send a share of keys (sticky per key) to VERSION; the rest stay on "
            + "stable")
    static final class CanaryCmd extends Change {
        @Parameters(index = "1", paramLabel = "VERSION")
        int version;

        @Option(names = "--percent", required = true, paramLabel = "P",
                description = "Share of keys, 0-100, up to two decimals (e.g. 5 or 0.5)")
        BigDecimal percent;

        @Override
        Deployment.Builder next(Deployment current) {
            return Rollouts.canary(current, version, basisPoints(percent));
        }

        @Override
        String defaultReason() {
            return "canary v" + version + " at " + percent.stripTrailingZeros().toPlainString() + " %";
        }
    }

    @Command(name = "shadow", description = "Score every record with VERSION too, writing its predictions to the "
            + "shadow topic only")
    static final class Shadow extends Change {
        @Parameters(index = "1", paramLabel = "VERSION")
        int version;

        @Override
        Deployment.Builder next(Deployment current) {
            return Rollouts.shadow(current, version);
        }

        @Override
        String defaultReason() {
            return "shadow v" + version;
        }
    }

    @Command(name = "unshadow", description = "Stop shadowing VERSION (all shadows when no version is given)")
    static final class Unshadow extends Change {
        @Parameters(index = "1", paramLabel = "VERSION", arity = "0..1")
        Integer version;

        @Override
        Deployment.Builder next(Deployment current) {
            return Rollouts.unshadow(current, version);
        }

        @Override
        String defaultReason() {
            return version == null ? "unshadow all" : "unshadow v" + version;
        }
    }

    @Command(name = "pin", description = "Keep VERSION loaded for records that ask for it with the ml.model.version "
            + "header")
    static final class Pin extends Change {
        @Parameters(index = "1", paramLabel = "VERSION")
        int version;

        @Override
        Deployment.Builder next(Deployment current) {
            return Rollouts.pin(current, version);
        }

        @Override
        String defaultReason() {
            return "pinnable v" + version;
        }
    }

    @Command(name = "unpin", description = "Stop serving VERSION to records that pin it")
    static final class Unpin extends Change {
        @Parameters(index = "1", paramLabel = "VERSION")
        int version;

        @Override
        Deployment.Builder next(Deployment current) {
            return Rollouts.unpin(current, version);
        }

        @Override
        String defaultReason() {
            return "not pinnable v" + version;
        }
    }

    @Command(name = "ab", description = "Run an A/B(/n) experiment: named arms, each a version and a percent of keys")
    static final class Ab extends Change {
        @Option(names = "--arm", required = true, paramLabel = "NAME=VERSION:PERCENT",
                description = "One arm, e.g. --arm control=3:50 --arm treatment=4:50; percents add up to 100")
        List<String> arms;

        @Option(names = "--id", description = "Experiment id; keys are split by it (default: <model>-<revision>)")
        String id;

        @Override
        Deployment.Builder next(Deployment current) {
            List<Arm> parsed = new ArrayList<>();
            for (String arm : arms) {
                String[] nameRest = arm.split("=", 2);
                String[] versionWeight = nameRest.length == 2 ? nameRest[1].split(":", 2) : new String[0];
                if (versionWeight.length != 2 || nameRest[0].isBlank()) {
                    throw new RolloutException("--arm " + arm + ": write NAME=VERSION:PERCENT, e.g. control=3:50");
                }
                parsed.add(new Arm(nameRest[0], integer("--arm " + arm, versionWeight[0]),
                        integer("--arm " + arm, versionWeight[1])));
            }
            String experiment = id != null ? id : model + "-" + (current.getRevision() + 1);
            return Rollouts.experiment(current, new Experiment(experiment, parsed));
        }

        @Override
        String defaultReason() {
            return "experiment " + String.join(" ", arms);
        }
    }

    @Command(name = "ensemble", description = "Score every record with all member versions and combine their outputs")
    static final class EnsembleCmd extends Change {
        @Option(names = "--member", required = true, paramLabel = "VERSION[:WEIGHT]",
                description = "A member version, with a weight for weighted-mean (default 1)")
        List<String> members;

        @Option(names = "--combiner", defaultValue = "mean", paramLabel = "mean|weighted-mean|majority-vote",
                description = "How outputs are combined (default ${DEFAULT-VALUE})")
        String combiner;

        @Override
        Deployment.Builder next(Deployment current) {
            List<EnsembleMember> parsed = new ArrayList<>();
            for (String member : members) {
                String[] parts = member.split(":", 2);
                double weight = 1.0;
                if (parts.length == 2) {
                    try {
                        weight = Double.parseDouble(parts[1]);
                    } catch (NumberFormatException e) {
                        throw new RolloutException("--member " + member + ": the weight must be a number");
                    }
                }
                parsed.add(new EnsembleMember(integer("--member " + member, parts[0]), weight));
            }
            return Rollouts.ensemble(current, new Ensemble(parsed, enumValue(Combiner.class, "--combiner", combiner)));
        }

        @Override
        String defaultReason() {
            return "ensemble " + combiner + " of " + String.join(", ", members);
        }
    }

    @Command(name = "cascade", description = "Let FIRST decide the records it is confident about and pass the rest "
            + "to SECOND")
    static final class CascadeCmd extends Change {
        @Option(names = "--first", required = true, paramLabel = "VERSION")
        int first;

        @Option(names = "--second", required = true, paramLabel = "VERSION")
        int second;

        @Option(names = "--threshold", required = true, paramLabel = "T",
                description = "FIRST decides when its confidence >= T (0-1)")
        double threshold;

        @Option(names = "--confidence", defaultValue = "max-probability", paramLabel = "max-probability|margin",
                description = "Confidence measure (default ${DEFAULT-VALUE})")
        String confidence;

        @Override
        Deployment.Builder next(Deployment current) {
            return Rollouts.cascade(current, new Cascade(first, second,
                    enumValue(Confidence.class, "--confidence", confidence), threshold));
        }

        @Override
        String defaultReason() {
            return "cascade v" + first + " -> v" + second + " below " + confidence + " " + threshold;
        }
    }

    @Command(name = "promote", description = "Make the canary (or the named experiment arm) the stable version")
    static final class Promote extends Change {
        @Option(names = "--arm", description = "The experiment arm to promote")
        String arm;

        @Override
        Deployment.Builder next(Deployment current) {
            return Rollouts.promote(current, arm);
        }

        @Override
        String defaultReason() {
            return arm == null ? "promote canary" : "promote arm " + arm;
        }
    }

    @Command(name = "rollback", description = "End the running canary, experiment, ensemble or cascade; without one, "
            + "go back to the previous stable version")
    static final class Rollback extends Change {
        @Override
        Deployment.Builder next(Deployment current) {
            return Rollouts.rollback(current);
        }

        @Override
        String defaultReason() {
            return "rollback";
        }
    }

    @Command(name = "key-field", description = "Split records without a key by this field's value (sticky); "
            + "'none' splits them at random")
    static final class KeyField extends Change {
        @Parameters(index = "1", paramLabel = "FIELD|none", description = "A field path, e.g. customer.id")
        String field;

        @Override
        Deployment.Builder next(Deployment current) {
            return Rollouts.keyField(current, field.equals("none") ? null : field);
        }

        @Override
        String defaultReason() {
            return "key field " + field;
        }
    }

    static int basisPoints(BigDecimal percent) {
        BigDecimal bp = percent.movePointRight(2).stripTrailingZeros();
        if (bp.signum() < 0 || bp.compareTo(BigDecimal.valueOf(10_000)) > 0 || bp.scale() > 0) {
            throw new RolloutException("--percent must be between 0 and 100 with at most two decimals, not "
                    + percent.toPlainString());
        }
        return bp.intValueExact();
    }

    private static int integer(String what, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new RolloutException(what + ": '" + text + "' is not a whole number");
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String option, String text) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E value : type.getEnumConstants()) {
                names.add(value.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            throw new RolloutException(option + " " + text + ": choose one of " + names);
        }
    }

}
