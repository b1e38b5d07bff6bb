/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import dev.inferstream.control.RolloutException;
import dev.inferstream.control.Rollouts;
import dev.inferstream.schemas.Arm;
import dev.inferstream.schemas.Bandit;
import dev.inferstream.schemas.BanditArm;
import dev.inferstream.schemas.CanaryGates;
import dev.inferstream.schemas.Cascade;
import dev.inferstream.schemas.Combiner;
import dev.inferstream.schemas.Confidence;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.Ensemble;
import dev.inferstream.schemas.EnsembleMember;
import dev.inferstream.schemas.Experiment;
import dev.inferstream.schemas.RewardKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

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

        @Option(
                names = "--by",
                defaultValue = "${env:USER:-scorerctl}",
                description = "Who makes the change (default: $USER)")
        String changedBy;

        @Override
        public Integer call() {
            Session session = root.session(spec.commandLine().getOut());
            String note = checkBefore(session);
            session.change(model, this::next, first(), changedBy, reason == null ? defaultReason() : reason);
            if (note != null && !session.json) {
                session.out.println(note);
                session.out.flush();
            }
            return 0;
        }

        /** Refuses the change by throwing, or returns a note to print after publishing (null: none). */
        String checkBefore(Session session) {
            return null;
        }

        abstract Deployment.Builder next(Deployment current);

        /** The deployment when the model has none yet; null: the command needs an existing deployment. */
        Supplier<Deployment.Builder> first() {
            return null;
        }

        abstract String defaultReason();
    }

    @Command(
            name = "deploy",
            description = "Make VERSION stable for all traffic (ends any canary, experiment, " + "ensemble or cascade)")
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

    @Command(
            name = "canary",
            description = "Send a share of keys (sticky per key) to VERSION; the rest stay on " + "stable")
    static final class CanaryCmd extends Change {
        @Parameters(index = "1", paramLabel = "VERSION")
        int version;

        @Option(
                names = "--percent",
                required = true,
                paramLabel = "P",
                description = "Share of keys, 0-100, up to two decimals (e.g. 5 or 0.5)")
        BigDecimal percent;

        @Option(
                names = "--max-error-rate-increase",
                paramLabel = "R",
                description =
                        "Gate: roll back when the canary's error rate exceeds stable's by more than R (0.01 = 1 %)")
        Double maxErrorRateIncrease;

        @Option(
                names = "--max-latency-ratio",
                paramLabel = "X",
                description = "Gate: roll back when the canary's p99 latency exceeds X times stable's")
        Double maxLatencyRatio;

        @Option(
                names = "--max-accuracy-drop",
                paramLabel = "D",
                description =
                        "Gate: roll back when the canary's accuracy (joined feedback) is below stable's by more than D")
        Double maxAccuracyDrop;

        @Option(
                names = "--min-samples",
                defaultValue = "100",
                paramLabel = "N",
                description =
                        "Canary records (and judged predictions per arm) before any decision (default ${DEFAULT-VALUE})")
        long minSamples;

        @Option(
                names = "--observe",
                paramLabel = "DURATION",
                description =
                        "With a gate: promote automatically after this long without a failed gate (e.g. 10m, 30s)")
        String observe;

        @Override
        Deployment.Builder next(Deployment current) {
            boolean gated = maxErrorRateIncrease != null || maxLatencyRatio != null || maxAccuracyDrop != null;
            if (!gated && observe != null) {
                throw new RolloutException("--observe needs at least one gate (--max-error-rate-increase, "
                        + "--max-latency-ratio or --max-accuracy-drop)");
            }
            CanaryGates gates = !gated
                    ? null
                    : new CanaryGates(
                            maxErrorRateIncrease,
                            maxLatencyRatio,
                            maxAccuracyDrop,
                            minSamples,
                            observe == null ? 600_000L : duration("--observe", observe));
            return Rollouts.canary(current, version, basisPoints(percent), gates);
        }

        @Override
        String defaultReason() {
            return "canary v" + version + " at " + percent.stripTrailingZeros().toPlainString() + " %";
        }
    }

    @Command(
            name = "bandit",
            description = "Run a multi-armed bandit: shares follow Thompson sampling over the "
                    + "rewards of joined feedback, above an exploration floor")
    static final class BanditCmd extends Change {
        @Option(
                names = "--arm",
                required = true,
                paramLabel = "NAME=VERSION",
                description = "One arm, e.g. --arm a=3 --arm b=4")
        List<String> arms;

        @Option(
                names = "--reward",
                defaultValue = "binary",
                paramLabel = "binary|numeric",
                description =
                        "binary: 0/1 rewards (Beta posteriors); numeric (Normal posteriors). Default ${DEFAULT-VALUE}")
        String reward;

        @Option(
                names = "--min-percent",
                defaultValue = "5",
                paramLabel = "P",
                description = "Exploration floor per arm, in percent (default ${DEFAULT-VALUE})")
        BigDecimal minPercent;

        @Option(
                names = "--update-every",
                defaultValue = "60s",
                paramLabel = "DURATION",
                description = "How often the shares are recomputed (default ${DEFAULT-VALUE})")
        String updateEvery;

        @Option(names = "--id", description = "Bandit id; keys are split by it (default: <model>-<revision>)")
        String id;

        @Override
        Deployment.Builder next(Deployment current) {
            List<BanditArm> parsed = new ArrayList<>();
            for (String arm : arms) {
                String[] parts = arm.split("=", 2);
                if (parts.length != 2 || parts[0].isBlank()) {
                    throw new RolloutException("--arm " + arm + ": write NAME=VERSION, e.g. a=3");
                }
                parsed.add(new BanditArm(parts[0], integer("--arm " + arm, parts[1]), 0));
            }
            if (parsed.size() < 2) {
                throw new RolloutException("a bandit needs at least two --arm");
            }
            int floor = basisPoints(minPercent);
            if (floor * parsed.size() > 10_000) {
                throw new RolloutException(
                        "--min-percent " + minPercent + " for " + parsed.size() + " arms exceeds 100 %");
            }
            for (int i = 0; i < parsed.size(); i++) {
                int share = 10_000 / parsed.size() + (i == 0 ? 10_000 % parsed.size() : 0);
                parsed.get(i).setBasisPoints(share);
            }
            Bandit bandit = Bandit.newBuilder()
                    .setId(id != null ? id : model + "-" + (current.getRevision() + 1))
                    .setArms(parsed)
                    .setReward(enumValue(RewardKind.class, "--reward", reward))
                    .setMinBasisPoints(floor)
                    .setUpdateIntervalMs(duration("--update-every", updateEvery))
                    .build();
            return Rollouts.bandit(current, bandit);
        }

        @Override
        String defaultReason() {
            return "bandit " + String.join(" ", arms);
        }
    }

    @Command(
            name = "shadow",
            description = "Score every record with VERSION too, writing its predictions to the " + "shadow topic only")
    static final class Shadow extends Change {
        @Parameters(index = "1", paramLabel = "VERSION")
        int version;

        @Override
        Deployment.Builder next(Deployment current) {
            return Rollouts.shadow(current, version);
        }

        @Override
        String checkBefore(Session session) {
            return ShadowDestinations.check(session.control.status(model), model, Instant.now());
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

    @Command(
            name = "pin",
            description = "Keep VERSION loaded for records that ask for it with the ml.model.version " + "header")
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
        @Option(
                names = "--arm",
                required = true,
                paramLabel = "NAME=VERSION:PERCENT",
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
                parsed.add(new Arm(
                        nameRest[0],
                        integer("--arm " + arm, versionWeight[0]),
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
        @Option(
                names = "--member",
                required = true,
                paramLabel = "VERSION[:WEIGHT]",
                description = "A member version, with a weight for weighted-mean (default 1)")
        List<String> members;

        @Option(
                names = "--combiner",
                defaultValue = "mean",
                paramLabel = "mean|weighted-mean|majority-vote",
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

    @Command(
            name = "cascade",
            description = "Let FIRST decide the records it is confident about and pass the rest " + "to SECOND")
    static final class CascadeCmd extends Change {
        @Option(names = "--first", required = true, paramLabel = "VERSION")
        int first;

        @Option(names = "--second", required = true, paramLabel = "VERSION")
        int second;

        @Option(
                names = "--threshold",
                required = true,
                paramLabel = "T",
                description = "FIRST decides when its confidence >= T (0-1)")
        double threshold;

        @Option(
                names = "--confidence",
                defaultValue = "max-probability",
                paramLabel = "max-probability|margin",
                description = "Confidence measure (default ${DEFAULT-VALUE})")
        String confidence;

        @Override
        Deployment.Builder next(Deployment current) {
            return Rollouts.cascade(
                    current,
                    new Cascade(first, second, enumValue(Confidence.class, "--confidence", confidence), threshold));
        }

        @Override
        String defaultReason() {
            return "cascade v" + first + " -> v" + second + " below " + confidence + " " + threshold;
        }
    }

    @Command(name = "promote", description = "Make the canary (or the named experiment arm) the stable version")
    static final class Promote extends Change {
        @Option(names = "--arm", description = "The experiment or bandit arm to promote")
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

    @Command(
            name = "rollback",
            description = "End the running canary, experiment, ensemble or cascade; without one, "
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

    @Command(
            name = "key-field",
            description = "Split records without a key by this field's value (sticky); "
                    + "'none' splits them by their lineage (topic/partition/offset or file/row)")
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
            throw new RolloutException(
                    "--percent must be between 0 and 100 with at most two decimals, not " + percent.toPlainString());
        }
        return bp.intValueExact();
    }

    /** {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h} or plain milliseconds. */
    static long duration(String option, String text) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(text.trim());
        if (!m.matches()) {
            throw new RolloutException(option + " " + text + ": write a duration like 500ms, 30s, 10m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "ms" : m.group(2)) {
            case "s" -> n * 1_000;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n;
        };
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
