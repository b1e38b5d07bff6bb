/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.scoring;

import dev.inferstream.schemas.Prediction;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The batch scorer's Flink metrics, under {@code <operator>.inferstream.model.<model>}: rows scored per version and
 * arm, rows dead-lettered per stage, batch size and inference time histograms, and a rows-per-second meter. Any
 * Flink metrics reporter (Prometheus, JMX, …) exposes them.
 */
final class ScoringMetrics {
    private final MetricGroup group;
    private final Map<String, Counter> scored = new HashMap<>();
    private final Map<String, Counter> deadLettered = new HashMap<>();
    private final Counter scoredTotal;
    private final Counter deadLetteredTotal;
    private final Histogram batchSize;
    private final Histogram inferenceMicros;

    ScoringMetrics(MetricGroup operator, String model) {
        this.group = operator.addGroup("inferstream").addGroup("model", model);
        this.scoredTotal = group.counter("rowsScored");
        this.deadLetteredTotal = group.counter("rowsDeadLettered");
        group.meter("rowsScoredPerSecond", new MeterView(scoredTotal));
        this.batchSize = group.histogram("batchSize", new DescriptiveStatisticsHistogram(1_000));
        this.inferenceMicros = group.histogram("inferenceMicros", new DescriptiveStatisticsHistogram(1_000));
    }

    void scored(Prediction p) {
        scored(p.getVersion(), p.getArm(), 1);
    }

    void scored(int version, String arm, long rows) {
        scoredTotal.inc(rows);
        String key = version + "|" + arm;
        Counter counter = scored.get(key);
        if (counter == null) {
            counter = group.addGroup("version", Integer.toString(version))
                    .addGroup("arm", arm)
                    .counter("rowsScored");
            scored.put(key, counter);
        }
        counter.inc(rows);
    }

    void deadLettered(String stage) {
        deadLetteredTotal.inc();
        deadLettered
                .computeIfAbsent(stage, s -> group.addGroup("stage", s).counter("rowsDeadLettered"))
                .inc();
    }

    void batch(int size, long inferenceNanos) {
        batchSize.update(size);
        inferenceMicros.update(inferenceNanos / 1_000);
    }

    long scoredCount() {
        return scoredTotal.getCount();
    }

    long deadLetteredCount() {
        return deadLetteredTotal.getCount();
    }
}
