/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.scoring;

import dev.inferstream.batch.io.CsvFieldSource;
import dev.inferstream.batch.io.InputRow;
import dev.inferstream.batch.io.ScoredRow;
import dev.inferstream.model.envelope.KeyText;
import dev.inferstream.model.envelope.Lineage;
import dev.inferstream.model.envelope.RecordScorer;
import dev.inferstream.model.features.AvroFieldSource;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.manifest.FieldPath;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroReader;
import dev.inferstream.schemas.serde.AvroSerdeException;
import dev.inferstream.schemas.serde.WireFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.accumulators.ListAccumulator;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores rows in mini-batches with the shared {@link RecordScorer} path. The model loads once per task in
 * {@link #open()}; the buffer is flushed when full, before every checkpoint barrier and at the end of input, so
 * a checkpoint never covers a row whose prediction has not been emitted. Dead letters go to a side output.
 */
public final class ScoringOperator extends AbstractStreamOperator<ScoredRow>
        implements OneInputStreamOperator<InputRow, ScoredRow>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Job-wide totals, reported when the job ends. */
    public static final String SCORED = "rows-scored";

    public static final String DEAD_LETTERED = "rows-dead-lettered";
    /** Accumulator of the backtest tallies, one per scoring task. */
    public static final String BACKTEST = "backtest";

    private static final Logger PROGRESS = LoggerFactory.getLogger(ScoringOperator.class);

    /** Where records that cannot be scored go. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private final ScoringSettings settings;
    private transient ModelService models;
    private transient RecordScorer scorer;
    private transient AvroReader<GenericRecord> reader;
    private transient List<InputRow> buffer;
    private transient ScoringMetrics metrics;
    private transient BacktestTally tally;
    private transient FieldPath observed;
    private transient ListAccumulator<BacktestTally> backtest;
    private transient long nextProgress;
    private transient LongCounter scoredTotal;
    private transient LongCounter deadLetteredTotal;

    public ScoringOperator(ScoringSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open() throws Exception {
        super.open();
        models = new ModelService(
                FlinkModelRepository.open(settings.modelRepository()),
                InferenceOptions.defaults().withIntraOpThreads(settings.inferenceThreads()));
        settings.models().deployInto(models);
        scorer = new RecordScorer(models, settings.model(), settings.scorerId());
        if (!settings.registry().isEmpty()) {
            reader = AvroReader.generic(new SchemaRegistryClient(RegistryConfig.fromProperties(settings.registry())));
        }
        buffer = new ArrayList<>(settings.batchSize());
        metrics = new ScoringMetrics(getMetricGroup(), settings.model());
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
        nextProgress = System.nanoTime() + PROGRESS_EVERY_NANOS;
        scoredTotal = getRuntimeContext().getLongCounter(SCORED);
        deadLetteredTotal = getRuntimeContext().getLongCounter(DEAD_LETTERED);
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
        PROGRESS.info(
                "{}: finished, scored {} rows, dead-lettered {}",
                subtask(),
                metrics.scoredCount(),
                metrics.deadLetteredCount());
    }

    private void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        long arrival = System.nanoTime();
        List<RecordScorer.Input> inputs = new ArrayList<>(buffer.size());
        for (InputRow row : buffer) {
            inputs.add(decode(row, arrival));
        }
        long start = System.nanoTime();
        List<RecordScorer.Result> results = scorer.score(inputs);
        metrics.batch(inputs.size(), System.nanoTime() - start);
        for (int i = 0; i < results.size(); i++) {
            InputRow row = buffer.get(i);
            if (results.get(i) instanceof RecordScorer.Predicted p) {
                output.collect(new StreamRecord<>(new ScoredRow(row, p.prediction())));
                metrics.scored(p.prediction());
                if (tally != null && !p.shadows().isEmpty()) {
                    tally.add(
                            p.prediction(),
                            p.shadows().get(0).prediction(),
                            observed == null ? null : inputs.get(i).fields().value(observed));
                }
                scoredTotal.add(1L);
            } else if (results.get(i) instanceof RecordScorer.DeadLettered d) {
                DeadLetter letter = d.deadLetter();
                if (row.payload() instanceof InputRow.CsvCells cells) {
                    letter.setValue(java.nio.ByteBuffer.wrap(csvBytes(cells)));
                }
                output.collect(DEAD_LETTERS, new StreamRecord<>(letter));
                metrics.deadLettered(letter.getStage().name());
                deadLetteredTotal.add(1L);
            }
        }
        buffer.clear();
        if (System.nanoTime() > nextProgress) {
            nextProgress = System.nanoTime() + PROGRESS_EVERY_NANOS;
            PROGRESS.info(
                    "{}: scored {} rows so far, dead-lettered {}",
                    subtask(),
                    metrics.scoredCount(),
                    metrics.deadLetteredCount());
        }
    }

    private String subtask() {
        var task = getRuntimeContext().getTaskInfo();
        return settings.model() + " scorer " + (task.getIndexOfThisSubtask() + 1) + "/"
                + task.getNumberOfParallelSubtasks();
    }

    private RecordScorer.Input decode(InputRow row, long arrival) {
        String key = KeyText.of(row.key());
        Map<String, byte[]> headers = row.headers();
        if (row.payload() instanceof GenericRecord record) {
            return RecordScorer.Input.decoded(
                    Lineage.file(row.name(), row.offset(), key, row.timestamp()),
                    null,
                    null,
                    headers,
                    new AvroFieldSource(record),
                    arrival);
        }
        if (row.payload() instanceof InputRow.CsvCells cells) {
            return RecordScorer.Input.decoded(
                    Lineage.file(row.name(), row.offset(), key, row.timestamp()),
                    null,
                    null,
                    headers,
                    new CsvFieldSource(columns(cells), cells.cells()),
                    arrival);
        }
        byte[] value = (byte[]) row.payload();
        try {
            if (reader == null) {
                throw new IllegalStateException("a Kafka input needs --schema-registry-url");
            }
            GenericRecord record = reader.read(value);
            if (record == null) {
                throw new AvroSerdeException(AvroSerdeException.Reason.NULL_PAYLOAD, "the record has no value", null);
            }
            return RecordScorer.Input.decoded(
                    Lineage.kafka(
                            row.name(),
                            row.partition(),
                            row.offset(),
                            key,
                            WireFormat.schemaId(value),
                            row.timestamp()),
                    row.key(),
                    value,
                    headers,
                    new AvroFieldSource(record),
                    arrival);
        } catch (AvroSerdeException e) {
            if (e.isTransient()) {
                throw e;
            }
            return RecordScorer.Input.failed(
                    Lineage.kafka(row.name(), row.partition(), row.offset(), key, null, row.timestamp()),
                    row.key(),
                    value,
                    headers,
                    e.reason().name(),
                    e);
        }
    }

    private transient List<String> lastHeader;
    private transient Map<String, Integer> lastColumns;

    private Map<String, Integer> columns(InputRow.CsvCells cells) {
        if (cells.header() != lastHeader) {
            lastHeader = cells.header();
            lastColumns = CsvFieldSource.columns(cells.header());
        }
        return lastColumns;
    }

    private static byte[] csvBytes(InputRow.CsvCells cells) {
        return dev.inferstream.batch.io.Csv.format(cells.cells()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        if (models != null) {
            models.close();
        }
        super.close();
    }
}
