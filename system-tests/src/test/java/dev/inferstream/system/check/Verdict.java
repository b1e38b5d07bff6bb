/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.schemas.Prediction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    private final List<String> scoreMismatches;

    private Verdict(Ledger ledger, List<String> scoreMismatches) {
        this.ledger = ledger;
        this.scoreMismatches = scoreMismatches;
        countOutcomes();
        countDuplicateIds();
        countOrder();
    }

    /** Counts {@code ledger}; {@code reference} re-scores its predictions (null: scores not compared). */
    public static Verdict of(Ledger ledger, ReferenceScores reference) {
        return new Verdict(ledger, reference == null ? List.of() : reference.mismatches(ledger));
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
        sorted.sort(java.util.Comparator.comparingInt((Ledger.Output<Prediction> o) -> o.partition())
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

    /** Asserts every invariant, with {@code deadLetters} dead letters expected; names the first offenders. */
    public void assertHolds(long deadLetters) {
        assertNone(lost, "inputs lost");
        assertNone(duplicates, "duplicates");
        assertNone(outOfOrder, "predictions out of their key's order");
        assertNone(scoreMismatches, "scores that differ from the model library's");
        assertThat(ledger.deadLetters()).as("dead letters").hasSize((int) deadLetters);
    }

    private static void assertNone(List<String> offenders, String what) {
        assertThat(offenders.size())
                .as(what + ", the first: " + offenders.subList(0, Math.min(10, offenders.size())))
                .isZero();
    }
}
