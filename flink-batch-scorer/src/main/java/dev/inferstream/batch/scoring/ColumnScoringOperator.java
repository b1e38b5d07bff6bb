/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.scoring;

import dev.inferstream.batch.io.RowColumns;
import dev.inferstream.batch.io.ScoredColumns;
import dev.inferstream.model.envelope.Lineage;
import dev.inferstream.model.envelope.PredictionIds;
import dev.inferstream.model.envelope.RecordScorer;
import dev.inferstream.model.features.ColumnBatch;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.Outcome;
import dev.inferstream.model.inference.ScoreResult;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.model.serving.ScoredRecord;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.SourceRecord;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Scores column batches (the columnar path): each batch is routed and scored through the shared model service
 * ({@link ModelService#score(String, ColumnBatch, java.util.function.IntFunction)}: the same routing, feature mapping
 * and inference call as every other path), and its predictions leave as columns with the prediction ids
 * {@link PredictionIds} gives the same rows on every path. A row that cannot be scored is scored again alone
 * through {@link RecordScorer}, which gives its dead letter exactly as the per-row path does. Batches are scored as
 * they arrive, so nothing is buffered across a checkpoint.
 */
public final class ColumnScoringOperator extends AbstractStreamOperator<ScoredColumns>
        implements OneInputStreamOperator<RowColumns, ScoredColumns>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final ScoringSettings settings;
    private transient ScoringTask task;
    private transient PredictionIds ids;

    public ColumnScoringOperator(ScoringSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open() throws Exception {
        super.open();
        task = ScoringTask.open(settings, this, "columnar scorer");
        ids = new PredictionIds();
    }

    @Override
    public void processElement(StreamRecord<RowColumns> element) {
        RowColumns rows = element.getValue();
        int n = rows.size();
        long start = System.nanoTime();
        List<ScoredRecord> scored = task.models()
                .score(settings.model(), rows.columns(), i -> lineage(rows, i).identity());
        task.batch(n, System.nanoTime() - start);
        ScoredColumns out = new ScoredColumns(
                rows,
                new String[n],
                new String[n],
                new int[n],
                new String[n],
                new String[n],
                new Double[n],
                new String[n],
                System.currentTimeMillis(),
                settings.scorerId());
        SourceRecord source = new SourceRecord("file", rows.file(), 0, 0L);
        int run = 0;
        for (int i = 0; i < n; i++) {
            ScoredRecord s = scored.get(i);
            if (s.outcome() instanceof Outcome.Scored ok && s.members().isEmpty()) {
                LoadedModel served = s.model();
                String arm = s.decision().arm();
                source.setOffset(rows.firstRow() + i);
                String id = ids.id(source, served.ref().name(), served.ref().version(), arm);
                set(out, i, id, served, arm, ok.result());
                if (run > 0 && (out.versions()[i - 1] != out.versions()[i] || !arm.equals(out.arms()[i - 1]))) {
                    task.scored(out.versions()[i - 1], out.arms()[i - 1], run);
                    run = 0;
                }
                run++;
            } else {
                if (run > 0) {
                    task.scored(out.versions()[i - 1], out.arms()[i - 1], run);
                    run = 0;
                }
                alone(rows, i, out);
            }
        }
        if (run > 0) {
            task.scored(out.versions()[n - 1], out.arms()[n - 1], run);
        }
        output.collect(new StreamRecord<>(out));
        task.progress();
    }

    private static void set(ScoredColumns out, int i, String id, LoadedModel served, String arm, ScoreResult result) {
        out.predictionIds()[i] = id;
        out.models()[i] = served.ref().name();
        out.versions()[i] = served.ref().version();
        out.sha256()[i] = served.sha256();
        out.arms()[i] = arm;
        out.scores()[i] = result.score();
        out.labels()[i] = result.label();
    }

    /** Scores row {@code i} through the per-row path, which gives its prediction or its dead letter. */
    private void alone(RowColumns rows, int i, ScoredColumns out) {
        RecordScorer.Input input = RecordScorer.Input.decoded(
                lineage(rows, i), null, null, Map.of(), rows.columns().row(i), System.nanoTime());
        RecordScorer.Result result = task.scorer().score(List.of(input)).get(0);
        if (result instanceof RecordScorer.Predicted p) {
            Prediction prediction = p.prediction();
            out.predictionIds()[i] = prediction.getPredictionId();
            out.models()[i] = prediction.getModel();
            out.versions()[i] = prediction.getVersion();
            out.sha256()[i] = prediction.getSha256();
            out.arms()[i] = prediction.getArm();
            out.scores()[i] = prediction.getScore();
            out.labels()[i] = prediction.getLabel();
            task.scored(prediction);
            return;
        }
        DeadLetter letter = ((RecordScorer.DeadLettered) result).deadLetter();
        output.collect(ScoringOperator.DEAD_LETTERS, new StreamRecord<>(letter));
        task.deadLettered(letter);
    }

    private static Lineage lineage(RowColumns rows, int i) {
        return Lineage.file(rows.file(), rows.firstRow() + i, null, rows.fileTime());
    }

    @Override
    public void endInput() {
        task.finished();
    }

    @Override
    public void close() throws Exception {
        if (task != null) {
            task.close();
        }
        super.close();
    }
}
