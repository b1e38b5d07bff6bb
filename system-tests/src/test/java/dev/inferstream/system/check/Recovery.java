/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.check;

import dev.inferstream.schemas.Prediction;
import java.time.Instant;
import java.util.List;

/**
 * Time to recover, read from the predictions alone: the longest a record produced after a fault waited for its
 * prediction (its arrival to its prediction). A record that arrived just after the fault waits until the scorers
 * serve its partition again, so this is the time until the fault was healed and the backlog scored.
 */
public final class Recovery {
    private Recovery() {}

    /**
     * The worst wait, in seconds, of a record that arrived after one of {@code marks} (the instants faults were
     * injected) and before the next; NaN without marks or without such a record.
     */
    public static double worst(Ledger ledger, List<Instant> marks) {
        double worst = Double.NaN;
        for (int i = 0; i < marks.size(); i++) {
            Instant from = marks.get(i);
            Instant until = i + 1 < marks.size() ? marks.get(i + 1) : Instant.MAX;
            for (Ledger.Output<Prediction> o : ledger.predictions()) {
                Instant event = o.value().getEventTime();
                if (!event.isBefore(from) && event.isBefore(until)) {
                    double wait = latencyMillis(o.value()) / 1000.0;
                    worst = Double.isNaN(worst) ? wait : Math.max(worst, wait);
                }
            }
        }
        return worst;
    }

    /** The 99th percentile wait, in seconds, of records that arrived before {@code firstFault}: the normal wait. */
    public static double normal(Ledger ledger, Instant firstFault) {
        long[] waits = ledger.predictions().stream()
                .map(Ledger.Output::value)
                .filter(p -> p.getEventTime().isBefore(firstFault))
                .mapToLong(Recovery::latencyMillis)
                .sorted()
                .toArray();
        return waits.length == 0 ? Double.NaN : waits[(int) Math.min(waits.length - 1, waits.length * 0.99)] / 1000.0;
    }

    private static long latencyMillis(Prediction p) {
        return p.getScoredAt().toEpochMilli() - p.getEventTime().toEpochMilli();
    }
}
