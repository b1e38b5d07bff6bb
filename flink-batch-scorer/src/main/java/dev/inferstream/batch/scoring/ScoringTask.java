/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.scoring;

import dev.inferstream.model.envelope.RecordScorer;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Prediction;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a scoring operator opens on its task: the job's versions deployed in a model service, the per-row scorer,
 * and the accounting of what it scored (Flink metrics, job-wide totals, a progress line every 10 s).
 */
final class ScoringTask implements AutoCloseable {
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ModelService models;
    private final RecordScorer scorer;
    private final ScoringMetrics metrics;
    private final LongCounter scoredTotal;
    private final LongCounter deadLetteredTotal;
    private final Logger log;
    private final String name;
    private long nextProgress;

    private ScoringTask(
            ScoringSettings settings, ModelService models, AbstractStreamOperator<?> operator, String kind) {
        this.models = models;
        this.scorer = new RecordScorer(models, settings.model(), settings.scorerId());
        this.metrics = new ScoringMetrics(operator.getMetricGroup(), settings.model());
        this.scoredTotal = operator.getRuntimeContext().getLongCounter(ScoringOperator.SCORED);
        this.deadLetteredTotal = operator.getRuntimeContext().getLongCounter(ScoringOperator.DEAD_LETTERED);
        this.log = LoggerFactory.getLogger(operator.getClass());
        var task = operator.getRuntimeContext().getTaskInfo();
        this.name = settings.model() + " " + kind + " " + (task.getIndexOfThisSubtask() + 1) + "/"
                + task.getNumberOfParallelSubtasks();
        this.nextProgress = System.nanoTime() + PROGRESS_EVERY_NANOS;
    }

    /**
     * Loads the job's versions for {@code operator} (call from its {@code open()}); {@code kind} names the operator
     * in log lines.
     */
    static ScoringTask open(ScoringSettings settings, AbstractStreamOperator<?> operator, String kind)
            throws Exception {
        JobShutdownHooks.releaseWithJob(operator.getRuntimeContext());
        ModelService models = new ModelService(
                FlinkModelRepository.open(settings.modelRepository()),
                InferenceOptions.defaults().withIntraOpThreads(settings.inferenceThreads()));
        try {
            settings.models().deployInto(models);
            return new ScoringTask(settings, models, operator, kind);
        } catch (Exception | Error e) {
            models.close();
            throw e;
        }
    }

    ModelService models() {
        return models;
    }

    RecordScorer scorer() {
        return scorer;
    }

    /** Times one inference call over {@code rows} rows. */
    void batch(int rows, long inferenceNanos) {
        metrics.batch(rows, inferenceNanos);
    }

    /** Counts one prediction. */
    void scored(Prediction prediction) {
        metrics.scored(prediction);
        scoredTotal.add(1L);
    }

    /** Counts {@code rows} predictions of one version and arm. */
    void scored(int version, String arm, int rows) {
        metrics.scored(version, arm, rows);
        scoredTotal.add((long) rows);
    }

    /** Counts one dead letter by its stage. */
    void deadLettered(DeadLetter letter) {
        metrics.deadLettered(letter.getStage().name());
        deadLetteredTotal.add(1L);
    }

    /** Logs the counts so far when the last such line is more than 10 s old. */
    void progress() {
        if (System.nanoTime() > nextProgress) {
            nextProgress = System.nanoTime() + PROGRESS_EVERY_NANOS;
            log.info(
                    "{}: scored {} rows so far, dead-lettered {}",
                    name,
                    metrics.scoredCount(),
                    metrics.deadLetteredCount());
        }
    }

    /** Logs the final counts (at the end of input). */
    void finished() {
        log.info(
                "{}: finished, scored {} rows, dead-lettered {}",
                name,
                metrics.scoredCount(),
                metrics.deadLetteredCount());
    }

    @Override
    public void close() throws Exception {
        models.close();
    }
}
