/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The changes a person asks for, with their arguments checked the same way for every front end ({@code scorerctl},
 * the console): each factory refuses a bad argument with a {@link RolloutException} naming the option and what to
 * write instead, and returns a {@link RolloutChange} that knows its {@code scorerctl} command line.
 */
public final class RolloutChanges {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private RolloutChanges() {}

    /**
     * The gates of an automatically judged canary; all three limits null: a canary promoted and rolled back by hand.
     *
     * @param observe how long to observe before promoting, e.g. {@code 10m}; null: 10 minutes
     */
    public record Gates(
            Double maxErrorRateIncrease,
            Double maxLatencyRatio,
            Double maxAccuracyDrop,
            long minSamples,
            String observe) {
        public static final long DEFAULT_MIN_SAMPLES = 100;

        public static Gates none() {
            return new Gates(null, null, null, DEFAULT_MIN_SAMPLES, null);
        }

        boolean gated() {
            return maxErrorRateIncrease != null || maxLatencyRatio != null || maxAccuracyDrop != null;
        }
    }

    public static RolloutChange deploy(String model, int version) {
        return new RolloutChange(
                model,
                "deploy",
                List.of(Integer.toString(version)),
                current -> Rollouts.deploy(current, version),
                () -> Rollouts.first(model, version),
                "deploy v" + version);
    }

    public static RolloutChange canary(String model, int version, BigDecimal percent, Gates gates) {
        int basisPoints = basisPoints(percent);
        if (!gates.gated() && gates.observe() != null) {
            throw new RolloutException("--observe needs at least one gate (--max-error-rate-increase, "
                    + "--max-latency-ratio or --max-accuracy-drop)");
        }
        CanaryGates canaryGates = !gates.gated()
                ? null
                : new CanaryGates(
                        gates.maxErrorRateIncrease(),
                        gates.maxLatencyRatio(),
                        gates.maxAccuracyDrop(),
                        gates.minSamples(),
                        gates.observe() == null ? 600_000L : duration("--observe", gates.observe()));
        List<String> args = new ArrayList<>(List.of(Integer.toString(version), "--percent", plain(percent)));
        if (gates.maxErrorRateIncrease() != null) {
            args.addAll(List.of("--max-error-rate-increase", plain(gates.maxErrorRateIncrease())));
        }
        if (gates.maxLatencyRatio() != null) {
            args.addAll(List.of("--max-latency-ratio", plain(gates.maxLatencyRatio())));
        }
        if (gates.maxAccuracyDrop() != null) {
            args.addAll(List.of("--max-accuracy-drop", plain(gates.maxAccuracyDrop())));
        }
        if (gates.gated() && gates.minSamples() != Gates.DEFAULT_MIN_SAMPLES) {
            args.addAll(List.of("--min-samples", Long.toString(gates.minSamples())));
        }
        if (gates.observe() != null) {
            args.addAll(List.of("--observe", gates.observe()));
        }
        return new RolloutChange(
                model,
                "canary",
                args,
                current -> Rollouts.canary(current, version, basisPoints, canaryGates),
                null,
                "canary v" + version + " at " + plain(percent) + " %");
    }

    /**
     * @param arms {@code NAME=VERSION}, at least two
     * @param reward {@code binary} or {@code numeric}
     * @param id null: {@code <model>-<revision>}
     */
    public static RolloutChange bandit(
            String model, List<String> arms, String reward, BigDecimal minPercent, String updateEvery, String id) {
        List<String[]> parsed = new ArrayList<>();
        for (String arm : arms) {
            String[] parts = arm.split("=", 2);
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new RolloutException("--arm " + arm + ": write NAME=VERSION, e.g. a=3");
            }
            integer("--arm " + arm, parts[1]);
            parsed.add(parts);
        }
        if (parsed.size() < 2) {
            throw new RolloutException("a bandit needs at least two --arm");
        }
        int floor = basisPoints(minPercent);
        if (floor * parsed.size() > 10_000) {
            throw new RolloutException("--min-percent " + minPercent + " for " + parsed.size() + " arms exceeds 100 %");
        }
        RewardKind rewardKind = enumValue(RewardKind.class, "--reward", reward);
        long interval = duration("--update-every", updateEvery);
        List<String> args = new ArrayList<>();
        arms.forEach(a -> args.addAll(List.of("--arm", a)));
        args.addAll(List.of("--reward", reward, "--min-percent", plain(minPercent), "--update-every", updateEvery));
        if (id != null) {
            args.addAll(List.of("--id", id));
        }
        return new RolloutChange(
                model,
                "bandit",
                args,
                current -> {
                    List<BanditArm> banditArms = new ArrayList<>();
                    for (int i = 0; i < parsed.size(); i++) {
                        int share = 10_000 / parsed.size() + (i == 0 ? 10_000 % parsed.size() : 0);
                        banditArms.add(new BanditArm(parsed.get(i)[0], integer("--arm", parsed.get(i)[1]), share));
                    }
                    Bandit bandit = Bandit.newBuilder()
                            .setId(id != null ? id : model + "-" + (current.getRevision() + 1))
                            .setArms(banditArms)
                            .setReward(rewardKind)
                            .setMinBasisPoints(floor)
                            .setUpdateIntervalMs(interval)
                            .build();
                    return Rollouts.bandit(current, bandit);
                },
                null,
                "bandit " + String.join(" ", arms));
    }

    public static RolloutChange shadow(String model, int version) {
        return new RolloutChange(
                model,
                "shadow",
                List.of(Integer.toString(version)),
                current -> Rollouts.shadow(current, version),
                null,
                "shadow v" + version);
    }

    /** @param version null: every shadow */
    public static RolloutChange unshadow(String model, Integer version) {
        return new RolloutChange(
                model,
                "unshadow",
                version == null ? List.of() : List.of(version.toString()),
                current -> Rollouts.unshadow(current, version),
                null,
                version == null ? "unshadow all" : "unshadow v" + version);
    }

    public static RolloutChange pin(String model, int version) {
        return new RolloutChange(
                model,
                "pin",
                List.of(Integer.toString(version)),
                current -> Rollouts.pin(current, version),
                null,
                "pinnable v" + version);
    }

    public static RolloutChange unpin(String model, int version) {
        return new RolloutChange(
                model,
                "unpin",
                List.of(Integer.toString(version)),
                current -> Rollouts.unpin(current, version),
                null,
                "not pinnable v" + version);
    }

    /**
     * @param arms {@code NAME=VERSION:PERCENT}; percents add up to 100
     * @param id null: {@code <model>-<revision>}
     */
    public static RolloutChange ab(String model, List<String> arms, String id) {
        List<Arm> parsed = new ArrayList<>();
        for (String arm : arms) {
            String[] nameRest = arm.split("=", 2);
            String[] versionWeight = nameRest.length == 2 ? nameRest[1].split(":", 2) : new String[0];
            if (versionWeight.length != 2 || nameRest[0].isBlank()) {
                throw new RolloutException("--arm " + arm + ": write NAME=VERSION:PERCENT, e.g. control=3:50");
            }
            parsed.add(new Arm(
                    nameRest[0], integer("--arm " + arm, versionWeight[0]), integer("--arm " + arm, versionWeight[1])));
        }
        List<String> args = new ArrayList<>();
        arms.forEach(a -> args.addAll(List.of("--arm", a)));
        if (id != null) {
            args.addAll(List.of("--id", id));
        }
        return new RolloutChange(
                model,
                "ab",
                args,
                current -> Rollouts.experiment(
                        current,
                        new Experiment(id != null ? id : model + "-" + (current.getRevision() + 1), copies(parsed))),
                null,
                "experiment " + String.join(" ", arms));
    }

    /**
     * @param members {@code VERSION[:WEIGHT]}
     * @param combiner {@code mean}, {@code weighted-mean} or {@code majority-vote}
     */
    public static RolloutChange ensemble(String model, List<String> members, String combiner) {
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
        Combiner how = enumValue(Combiner.class, "--combiner", combiner);
        List<String> args = new ArrayList<>();
        members.forEach(m -> args.addAll(List.of("--member", m)));
        args.addAll(List.of("--combiner", combiner));
        return new RolloutChange(
                model,
                "ensemble",
                args,
                current -> Rollouts.ensemble(
                        current,
                        new Ensemble(
                                parsed.stream()
                                        .map(m -> new EnsembleMember(m.getVersion(), m.getWeight()))
                                        .toList(),
                                how)),
                null,
                "ensemble " + combiner + " of " + String.join(", ", members));
    }

    /** @param confidence {@code max-probability} or {@code margin} */
    public static RolloutChange cascade(String model, int first, int second, double threshold, String confidence) {
        Confidence measure = enumValue(Confidence.class, "--confidence", confidence);
        return new RolloutChange(
                model,
                "cascade",
                List.of(
                        "--first",
                        Integer.toString(first),
                        "--second",
                        Integer.toString(second),
                        "--threshold",
                        plain(threshold),
                        "--confidence",
                        confidence),
                current -> Rollouts.cascade(current, new Cascade(first, second, measure, threshold)),
                null,
                "cascade v" + first + " -> v" + second + " below " + confidence + " " + threshold);
    }

    /** @param arm the experiment or bandit arm to promote; null for a canary */
    public static RolloutChange promote(String model, String arm) {
        return new RolloutChange(
                model,
                "promote",
                arm == null ? List.of() : List.of("--arm", arm),
                current -> Rollouts.promote(current, arm),
                null,
                arm == null ? "promote canary" : "promote arm " + arm);
    }

    public static RolloutChange rollback(String model) {
        return new RolloutChange(model, "rollback", List.of(), Rollouts::rollback, null, "rollback");
    }

    /** @param field null: keyless records are split by their lineage */
    public static RolloutChange keyField(String model, String field) {
        return new RolloutChange(
                model,
                "key-field",
                List.of(field == null ? "none" : field),
                current -> Rollouts.keyField(current, field),
                null,
                "key field " + (field == null ? "none" : field));
    }

    /** Brings back the traffic routing of {@code earlier}, an earlier revision from the model's history. */
    public static RolloutChange restore(String model, Deployment earlier) {
        return new RolloutChange(
                model,
                "restore",
                List.of(Long.toString(earlier.getRevision())),
                current -> Rollouts.restore(current, earlier),
                null,
                "restore revision " + earlier.getRevision());
    }

    /** A percent with up to two decimals as basis points (1/100 of a percent). */
    public static int basisPoints(BigDecimal percent) {
        BigDecimal bp = percent.movePointRight(2).stripTrailingZeros();
        if (bp.signum() < 0 || bp.compareTo(BigDecimal.valueOf(10_000)) > 0 || bp.scale() > 0) {
            throw new RolloutException(
                    "--percent must be between 0 and 100 with at most two decimals, not " + percent.toPlainString());
        }
        return bp.intValueExact();
    }

    /** {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h} or plain milliseconds, in milliseconds. */
    public static long duration(String option, String text) {
        Matcher m = DURATION.matcher(text.trim());
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

    private static List<Arm> copies(List<Arm> arms) {
        return arms.stream()
                .map(a -> new Arm(a.getName(), a.getVersion(), a.getWeight()))
                .toList();
    }

    private static String plain(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }

    private static String plain(double number) {
        return plain(BigDecimal.valueOf(number));
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
