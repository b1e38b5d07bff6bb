/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.scoring;

import dev.inferstream.model.envelope.RecordScorer;
import dev.inferstream.serving.ServingListener;
import java.util.List;

/** Scores each request alone, on the thread that received it. */
final class DirectScorer implements RowScorer {
    private final String model;
    private final RecordScorer scorer;
    private final ServingListener listener;

    DirectScorer(String model, RecordScorer scorer, ServingListener listener) {
        this.model = model;
        this.scorer = scorer;
        this.listener = listener;
    }

    @Override
    public List<RecordScorer.Result> score(List<RecordScorer.Input> inputs) {
        long start = System.nanoTime();
        List<RecordScorer.Result> results = scorer.score(inputs);
        listener.batch(model, inputs.size(), System.nanoTime() - start);
        return results;
    }
}
