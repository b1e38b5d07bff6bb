/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.scoring;

import dev.inferstream.model.envelope.Explanations;
import dev.inferstream.model.envelope.RecordScorer;
import dev.inferstream.model.explain.ExplainException;
import dev.inferstream.model.explain.Explanation;
import dev.inferstream.model.inference.LoadedModel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scoring task's explanations: with {@code --explain}, each prediction gets its top-k attributions (a prediction
 * that cannot be explained is written without, counted and logged once per reason); in a backtest, both versions
 * explain the rows that are explained anyway — or, without {@code --explain}, the task's first
 * {@value #BACKTEST_SAMPLE} rows — for the report's global importance.
 */
final class ExplainStep {
    /** Rows per task explained for a backtest's importance when predictions are not explained anyway. */
    static final int BACKTEST_SAMPLE = 256;

    private static final Logger LOG = LoggerFactory.getLogger(ExplainStep.class);

    private final int topK;
    private final LoadedModel candidate;
    private final LongConsumer unexplained;
    private final Set<String> reasons = new HashSet<>();
    private int sampleLeft;

    /**
     * @param candidate in a backtest, the candidate version; else null
     * @param unexplained counts a prediction written without its explanation
     */
    ExplainStep(int topK, LoadedModel candidate, LongConsumer unexplained) {
        this.topK = topK;
        this.candidate = candidate;
        this.unexplained = unexplained;
        this.sampleLeft = candidate == null ? 0 : BACKTEST_SAMPLE;
    }

    boolean active() {
        return topK > 0 || sampleLeft > 0;
    }

    void apply(RecordScorer.Predicted predicted, BacktestTally tally) {
        boolean forImportance = tally != null && (topK > 0 || sampleLeft > 0);
        if (topK == 0 && !forImportance) {
            return;
        }
        Explanation stable = null;
        try {
            stable = Explanations.explain(predicted);
            if (topK > 0) {
                predicted.prediction().setExplanation(Explanations.envelope(stable, topK));
            }
        } catch (ExplainException e) {
            if (topK > 0) {
                unexplained.accept(1);
                if (reasons.size() < 100 && reasons.add(e.getMessage())) {
                    LOG.warn("predictions are written without explanations: {}", e.getMessage());
                }
            }
        }
        if (forImportance && !predicted.shadows().isEmpty()) {
            sampleLeft = Math.max(0, sampleLeft - 1);
            tally.explained(stable, candidateExplanation(predicted));
        }
    }

    private Explanation candidateExplanation(RecordScorer.Predicted predicted) {
        RecordScorer.Shadow shadow = predicted.shadows().get(0);
        try {
            return Explanations.explain(
                    new RecordScorer.Predicted(shadow.input(), shadow.prediction(), List.of(), 0, candidate));
        } catch (ExplainException e) {
            if (reasons.size() < 100 && reasons.add(e.getMessage())) {
                LOG.warn("the backtest reports no importance for the candidate: {}", e.getMessage());
            }
            return null;
        }
    }
}
