/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import dev.inferstream.control.RolloutChange;
import dev.inferstream.control.RolloutChanges;
import dev.inferstream.control.ShadowDestinations;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands that change a model's deployment; each publishes a new revision to the control topic. */
final class RolloutCommands {
    private RolloutCommands() {}

    /** What every changing command shares: the model, who, why, and the publishing. */
    abstract static class Change extends ModelCommand {
        @Option(names = "--reason", description = "Why; kept in the deployment and its history")
        String reason;

        @Option(
                names = "--by",
                defaultValue = "${env:USER:-scorerctl}",
                description = "Who makes the change (default: $USER)")
        String changedBy;

        @Override
        public Integer call() {
            Session session = session();
            String note = checkBefore(session);
            session.change(change(), changedBy, reason);
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

        /** The change asked for, its arguments checked (the same checks as the console's). */
        abstract RolloutChange change();
    }

    /** A change about one version, given after the model: {@code MODEL VERSION}. */
    abstract static class VersionChange extends Change {
        @Parameters(index = "1", paramLabel = "VERSION", description = "Model version")
        int version;
    }

    @Command(
            name = "deploy",
            description = "Make VERSION stable for all traffic (ends any canary, experiment, " + "ensemble or cascade)")
    static final class Deploy extends VersionChange {
        @Override
        RolloutChange change() {
            return RolloutChanges.deploy(model, version);
        }
    }

    @Command(
            name = "canary",
            description = "Send a share of keys (sticky per key) to VERSION; the rest stay on " + "stable")
    static final class CanaryCmd extends VersionChange {
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
                        "Gate: roll back when the canary's error rate exceeds stable's by more than R (0.01 = 1 %%)")
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
        RolloutChange change() {
            return RolloutChanges.canary(
                    model,
                    version,
                    percent,
                    new RolloutChanges.Gates(
                            maxErrorRateIncrease, maxLatencyRatio, maxAccuracyDrop, minSamples, observe));
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
        RolloutChange change() {
            return RolloutChanges.bandit(model, arms, reward, minPercent, updateEvery, id);
        }
    }

    @Command(
            name = "shadow",
            description = "Score every record with VERSION too, writing its predictions to the " + "shadow topic only")
    static final class Shadow extends VersionChange {
        @Override
        RolloutChange change() {
            return RolloutChanges.shadow(model, version);
        }

        @Override
        String checkBefore(Session session) {
            return ShadowDestinations.check(session.control.status(model), model, Instant.now());
        }
    }

    @Command(name = "unshadow", description = "Stop shadowing VERSION (all shadows when no version is given)")
    static final class Unshadow extends Change {
        @Parameters(index = "1", paramLabel = "VERSION", arity = "0..1")
        Integer version;

        @Override
        RolloutChange change() {
            return RolloutChanges.unshadow(model, version);
        }
    }

    @Command(
            name = "pin",
            description = "Keep VERSION loaded for records that ask for it with the ml.model.version " + "header")
    static final class Pin extends VersionChange {
        @Override
        RolloutChange change() {
            return RolloutChanges.pin(model, version);
        }
    }

    @Command(name = "unpin", description = "Stop serving VERSION to records that pin it")
    static final class Unpin extends VersionChange {
        @Override
        RolloutChange change() {
            return RolloutChanges.unpin(model, version);
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
        RolloutChange change() {
            return RolloutChanges.ab(model, arms, id);
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
        RolloutChange change() {
            return RolloutChanges.ensemble(model, members, combiner);
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
        RolloutChange change() {
            return RolloutChanges.cascade(model, first, second, threshold, confidence);
        }
    }

    @Command(name = "promote", description = "Make the canary (or the named experiment arm) the stable version")
    static final class Promote extends Change {
        @Option(names = "--arm", description = "The experiment or bandit arm to promote")
        String arm;

        @Override
        RolloutChange change() {
            return RolloutChanges.promote(model, arm);
        }
    }

    @Command(
            name = "rollback",
            description = "End the running canary, experiment, ensemble or cascade; without one, "
                    + "go back to the previous stable version")
    static final class Rollback extends Change {
        @Override
        RolloutChange change() {
            return RolloutChanges.rollback(model);
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
        RolloutChange change() {
            return RolloutChanges.keyField(model, field.equals("none") ? null : field);
        }
    }
}
