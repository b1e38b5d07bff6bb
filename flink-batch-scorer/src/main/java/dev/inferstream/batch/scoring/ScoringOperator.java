/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.scoring;

import dev.inferstream.batch.io.CsvDialect;
import dev.inferstream.batch.io.InputRow;
import dev.inferstream.batch.io.ScoredRow;
import dev.inferstream.model.envelope.RecordScorer;
import dev.inferstream.model.manifest.FieldPath;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.accumulators.ListAccumulator;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Scores rows in mini-batches with the shared {@link RecordScorer} path. The model loads once per task in
 * {@link #open()}; the buffer is flushed when full, before every checkpoint barrier and at the end of input, so
 * a checkpoint never covers a row whose prediction has not been emitted. Dead letters go to a side output.
 */
public final class ScoringOperator extends AbstractStreamOperator<ScoredRow>
        implements OneInputStreamOperator<InputRow, ScoredRow>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    /** Job-wide totals, reported when the job ends. */
    public static final String SCORED = "rows-scored";

    public static final String DEAD_LETTERED = "rows-dead-lettered";
    /** With {@code --explain}: predictions written without their explanation. */
    public static final String UNEXPLAINED = "rows-unexplained";
    /** Accumulator of the backtest tallies, one per scoring task. */
    public static final String BACKTEST = "backtest";

    /** Where records that cannot be scored go. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private final ScoringSettings settings;
    private transient ScoringTask task;
    private transient RowDecoder decoder;
    private transient List<InputRow> buffer;
    private transient BacktestTally tally;
    private transient FieldPath observed;
    private transient ListAccumulator<BacktestTally> backtest;
    private transient ExplainStep explain;

    public ScoringOperator(ScoringSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open() throws Exception {
        super.open();
        task = ScoringTask.open(settings, this, "scorer");
        ModelService models = task.models();
        decoder = new RowDecoder(
                settings.registry().isEmpty()
                        ? null
                        : AvroReader.generic(
                                new SchemaRegistryClient(RegistryConfig.fromProperties(settings.registry()))),
                settings.eventTimeField() == null ? null : FieldPath.parse(settings.eventTimeField()));
        buffer = new ArrayList<>(settings.batchSize());
        if (settings.backtestLabel() != null) {
            var spec = models.deployment(settings.model()).orElseThrow();
            tally = new BacktestTally(
                    settings.model(),
                    spec.policy().versions().iterator().next(),
                    spec.shadows().get(0));
            observed = settings.backtestLabel().isEmpty() ? null : FieldPath.parse(settings.backtestLabel());
            backtest = new ListAccumulator<>();
            getRuntimeContext().addAccumulator(BACKTEST, backtest);
        }
        LongCounter unexplained = getRuntimeContext().getLongCounter(UNEXPLAINED);
        explain = new ExplainStep(
                settings.explainTopK(),
                tally == null
                        ? null
                        : models.loaded(new ModelRef(settings.model(), tally.candidateVersion()))
                                .orElseThrow(),
                unexplained::add);
    }

    @Override
    public void processElement(StreamRecord<InputRow> element) {
        buffer.add(element.getValue());
        if (buffer.size() >= settings.batchSize()) {
            flush();
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) {
        flush();
    }

    @Override
    public void endInput() {
        flush();
        if (tally != null) {
            backtest.add(tally);
        }
        task.finished();
    }

    private void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        long arrival = System.nanoTime();
        List<RecordScorer.Input> inputs = new ArrayList<>(buffer.size());
        for (InputRow row : buffer) {
            inputs.add(decoder.decode(row, arrival));
        }
        long start = System.nanoTime();
        List<RecordScorer.Result> results = task.scorer().score(inputs);
        task.batch(inputs.size(), System.nanoTime() - start);
        for (int i = 0; i < results.size(); i++) {
            InputRow row = buffer.get(i);
            if (results.get(i) instanceof RecordScorer.Predicted p) {
                if (explain.active()) {
                    explain.apply(p, tally);
                }
                output.collect(new StreamRecord<>(new ScoredRow(row, p.prediction())));
                task.scored(p.prediction());
                if (tally != null && !p.shadows().isEmpty()) {
                    tally.add(
                            p.prediction(),
                            p.shadows().get(0).prediction(),
                            observed == null ? null : inputs.get(i).fields().value(observed));
                }
            } else if (results.get(i) instanceof RecordScorer.DeadLettered d) {
                DeadLetter letter = d.deadLetter();
                if (row.payload() instanceof InputRow.CsvCells cells) {
                    letter.setValue(ByteBuffer.wrap(csvBytes(cells)));
                }
                output.collect(DEAD_LETTERS, new StreamRecord<>(letter));
                task.deadLettered(letter);
            }
        }
        buffer.clear();
        task.progress();
    }

    private static byte[] csvBytes(InputRow.CsvCells cells) {
        return CsvDialect.format(cells.cells()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        if (task != null) {
            task.close();
        }
        super.close();
    }
}
