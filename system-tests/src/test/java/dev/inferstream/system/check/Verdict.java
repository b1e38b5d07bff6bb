/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Prediction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The invariants of a scenario, counted over its {@link Ledger}: every input has exactly one prediction or one dead
 * letter, no prediction id appears twice, each key's predictions keep the order of its inputs, and every score is
 * the model library's, bit for bit.
 */
public final class Verdict {
    private final Ledger ledger;
    private final List<String> lost = new ArrayList<>();
    private final List<String> duplicates = new ArrayList<>();
    private final List<String> outOfOrder = new ArrayList<>();
    private final List<String> wrongOutcomes = new ArrayList<>();
    private final List<String> scoreMismatches;

    private Verdict(Ledger ledger, Predicate<Ledger.Input> meantToFail, List<String> scoreMismatches) {
        this.ledger = ledger;
        this.scoreMismatches = scoreMismatches;
        countOutcomes();
        countWrongOutcomes(meantToFail);
        countDuplicateIds();
        countOrder();
    }

    /**
     * Counts {@code ledger}; {@code meantToFail} tells the inputs that must become dead letters (every other one must
     * be predicted); {@code reference} re-scores the predictions (null: scores not compared).
     */
    public static Verdict of(Ledger ledger, Predicate<Ledger.Input> meantToFail, ReferenceScores reference) {
        return new Verdict(ledger, meantToFail, reference == null ? List.of() : reference.mismatches(ledger));
    }

    private void countWrongOutcomes(Predicate<Ledger.Input> meantToFail) {
        for (Ledger.Output<DeadLetter> d : ledger.deadLetters()) {
            Ledger.Input input =
                    ledger.inputs().get(Ledger.Position.of(d.value().getSource()));
            if (input != null && !meantToFail.test(input)) {
                wrongOutcomes.add(
                        input.position() + " was dead-lettered (" + d.value().getStage() + " "
                                + d.value().getReason() + ": " + d.value().getErrorMessage() + ")");
            }
        }
        for (Ledger.Output<Prediction> p : ledger.predictions()) {
            Ledger.Input input =
                    ledger.inputs().get(Ledger.Position.of(p.value().getSource()));
            if (input != null && meantToFail.test(input)) {
                wrongOutcomes.add(input.position() + " was predicted but should be a dead letter");
            }
        }
    }

    private void countOutcomes() {
        Map<Ledger.Position, Integer> outcomes = ledger.outcomesPerInput();
        for (Ledger.Position input : ledger.inputs().keySet()) {
            int n = outcomes.getOrDefault(input, 0);
            if (n == 0) {
                lost.add(input + " has no prediction and no dead letter");
            } else if (n > 1) {
                duplicates.add(input + " has " + n + " outcomes");
            }
        }
        outcomes.keySet().stream()
                .filter(p -> !ledger.inputs().containsKey(p))
                .forEach(p -> duplicates.add("an outcome names " + p + ", which is no input"));
    }

    private void countDuplicateIds() {
        Set<String> ids = new HashSet<>();
        for (Ledger.Output<Prediction> p : ledger.predictions()) {
            if (!ids.add(p.value().getPredictionId())) {
                duplicates.add("prediction id " + p.value().getPredictionId() + " appears twice");
            }
        }
    }

    /** Within an output partition, a key's predictions must follow its inputs' offsets. */
    private void countOrder() {
        Map<String, Long> last = new HashMap<>();
        List<Ledger.Output<Prediction>> sorted = new ArrayList<>(ledger.predictions());
        sorted.sort(Comparator.comparingInt((Ledger.Output<Prediction> o) -> o.partition())
                .thenComparingLong(Ledger.Output::offset));
        for (Ledger.Output<Prediction> o : sorted) {
            Prediction p = o.value();
            String key = o.partition() + "|" + p.getSource().getPartition() + "|" + p.getKey();
            Long before = last.put(key, p.getSource().getOffset());
            if (before != null && before > p.getSource().getOffset()) {
                outOfOrder.add(
                        "key " + p.getKey() + ": input offset " + p.getSource().getOffset() + " after " + before);
            }
        }
    }

    public Figures figures(String scenario, double load, double recovery, String note) {
        return new Figures(
                scenario,
                load,
                ledger.inputs().size(),
                ledger.predictions().size(),
                ledger.deadLetters().size(),
                duplicates.size(),
                lost.size(),
                outOfOrder.size(),
                scoreMismatches.size(),
                recovery,
                note);
    }

    /** Asserts every invariant; names the first offenders. */
    public void assertHolds() {
        assertNone(lost, "inputs lost");
        assertNone(duplicates, "duplicates");
        assertNone(wrongOutcomes, "inputs dead-lettered that should be predicted, or the other way round");
        assertNone(outOfOrder, "predictions out of their key's order");
        assertNone(scoreMismatches, "scores that differ from the model library's");
    }

    private static void assertNone(List<String> offenders, String what) {
        assertThat(offenders.size())
                .as(what + ", the first: " + offenders.subList(0, Math.min(10, offenders.size())))
                .isZero();
    }
}
