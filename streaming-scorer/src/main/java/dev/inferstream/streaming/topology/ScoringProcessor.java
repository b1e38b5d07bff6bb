package dev.inferstream.streaming.topology;

import dev.inferstream.model.Stage;
import dev.inferstream.model.envelope.Envelopes;
import dev.inferstream.model.envelope.Lineage;
import dev.inferstream.model.features.AvroFieldSource;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.Outcome;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.model.serving.ScoredRecord;
import dev.inferstream.model.serving.ScoringRequest;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.serde.AvroReader;
import dev.inferstream.schemas.serde.AvroSerdeException;
import dev.inferstream.schemas.serde.WireFormat;
import dev.inferstream.streaming.admin.ScorerMetrics;
import dev.inferstream.streaming.config.RouteConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores one route's records in micro-batches: decode, route, map, infer, and emit a prediction, shadow
 * predictions or a dead letter for every input record. Nothing is dropped: a record that cannot be scored goes
 * to the dead-letter topic with its stage and reason, and waiting records live in a changelogged buffer.
 */
final class ScoringProcessor implements Processor<byte[], byte[], byte[], SpecificRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringProcessor.class);

    private final RouteConfig route;
    private final ModelService models;
    private final AvroReader<GenericRecord> reader;
    private final ScoringTopology.Settings settings;
    private final ScorerMetrics metrics;
    private final ScoringTopology.Nodes nodes;
    private ProcessorContext<byte[], SpecificRecord> context;
    private Emitter emitter;
    private MicroBatchBuffer buffer;

    ScoringProcessor(RouteConfig route, ModelService models, AvroReader<GenericRecord> reader,
            ScoringTopology.Settings settings, ScorerMetrics metrics, ScoringTopology.Nodes nodes) {
        this.route = route;
        this.models = models;
        this.reader = reader;
        this.settings = settings;
        this.metrics = metrics;
        this.nodes = nodes;
    }

    @Override
    public void init(ProcessorContext<byte[], SpecificRecord> context) {
        this.context = context;
        this.emitter = new Emitter(context, nodes);
        if (settings.batching()) {
            KeyValueStore<Integer, byte[]> store = context.getStateStore(nodes.buffer());
            buffer = new MicroBatchBuffer(store, settings.batchMaxRecords());
            if (!buffer.isEmpty()) {
                LOG.info("route {}: {} buffered records restored; scoring them first", route.name(), buffer.size());
            }
            long tick = Math.max(1, settings.batchMaxWait().toMillis());
            context.schedule(Duration.ofMillis(tick), PunctuationType.WALL_CLOCK_TIME, now -> flushIfDue());
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        Map<String, byte[]> headers = KafkaHeaders.toMap(record.headers());
        if (buffer == null) {
            score(List.of(new BufferedRecord(0, meta.topic(), meta.partition(), meta.offset(), record.timestamp(),
                    record.key(), record.value(), headers, System.nanoTime())));
            return;
        }
        if (buffer.isFull()) {
            flush();
        }
        buffer.add(meta.topic(), meta.partition(), meta.offset(), record.timestamp(), record.key(), record.value(),
                headers);
        if (buffer.isFull()) {
            flush();
        }
    }

    private void flushIfDue() {
        if (!buffer.isEmpty()
                && System.nanoTime() - buffer.oldestArrivalNanos() >= settings.batchMaxWait().toNanos()) {
            flush();
        }
    }

    private void flush() {
        score(buffer.drain());
    }

    private void score(List<BufferedRecord> batch) {
        List<ScoringRequest> requests = new ArrayList<>(batch.size());
        List<BufferedRecord> decoded = new ArrayList<>(batch.size());
        List<Integer> schemaIds = new ArrayList<>(batch.size());
        for (BufferedRecord record : batch) {
            try {
                GenericRecord value = reader.read(record.value());
                if (value == null) {
                    throw new AvroSerdeException(AvroSerdeException.Reason.NULL_PAYLOAD, "the record has no value", null);
                }
                schemaIds.add(WireFormat.schemaId(record.value()));
                requests.add(new ScoringRequest(record.key(), KafkaHeaders.view(record.headers()),
                        new AvroFieldSource(value)));
                decoded.add(record);
            } catch (AvroSerdeException e) {
                if (e.isTransient()) {
                    throw new StreamsException("route " + route.name() + ": the schema registry is unavailable; "
                            + "the records will be retried from the last commit", e);
                }
                deadLetter(record, Stage.DECODE, e.reason().name(), e, null, null);
            }
        }
        if (requests.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        List<ScoredRecord> scored = models.score(route.model(), requests);
        metrics.batch(route.name(), requests.size(), System.nanoTime() - start);
        long now = System.currentTimeMillis();
        for (int i = 0; i < scored.size(); i++) {
            emit(decoded.get(i), schemaIds.get(i), scored.get(i), now);
        }
    }

    private void emit(BufferedRecord record, int schemaId, ScoredRecord scored, long now) {
        LoadedModel model = scored.model();
        if (scored.outcome() instanceof Outcome.Failed failed) {
            deadLetter(record, failed.stage(), failed.reason(), failed.error(), route.model(),
                    model == null ? null : model.ref().version());
            return;
        }
        var result = ((Outcome.Scored) scored.outcome()).result();
        String arm = scored.decision().arm();
        Lineage lineage = Lineage.kafka(record.topic(), record.partition(), record.offset(), KeyText.of(record.key()),
                schemaId, record.timestamp());
        String id = Envelopes.predictionId(lineage, model.ref().name(), model.ref().version(), arm);
        long latencyNanos = System.nanoTime() - record.arrivalNanos();
        Prediction prediction = Envelopes.prediction(id, model, arm, result, List.of(), lineage, now,
                latencyNanos / 1000, settings.scorerId());
        emitter.prediction(output(record, prediction, model, arm, id, schemaId, latencyNanos));
        metrics.scored(route.name(), model.ref().name(), model.ref().version(), arm, latencyNanos);
        for (ScoredRecord.Shadow shadow : scored.shadows()) {
            if (shadow.outcome() instanceof Outcome.Scored shadowScored) {
                String shadowArm = "shadow:" + shadow.model().ref().version();
                Prediction shadowPrediction = Envelopes.prediction(id, shadow.model(), shadowArm, shadowScored.result(),
                        List.of(), lineage, now, latencyNanos / 1000, settings.scorerId());
                emitter.shadow(output(record, shadowPrediction, shadow.model(), shadowArm, id, schemaId, latencyNanos));
                metrics.shadowScored(route.name(), shadow.model().ref().name(), shadow.model().ref().version());
            }
        }
    }

    private Record<byte[], SpecificRecord> output(BufferedRecord input, Prediction prediction, LoadedModel model,
            String arm, String id, int schemaId, long latencyNanos) {
        RecordHeaders headers = new RecordHeaders();
        input.headers().forEach((k, v) -> {
            if (!isWritten(k)) {
                headers.add(k, v);
            }
        });
        headers.add(KafkaHeaders.MODEL, utf8(model.ref().name()));
        headers.add(KafkaHeaders.VERSION, utf8(Integer.toString(model.ref().version())));
        headers.add(KafkaHeaders.SHA256, utf8(model.sha256()));
        headers.add(KafkaHeaders.ARM, utf8(arm));
        headers.add(KafkaHeaders.PREDICTION_ID, utf8(id));
        headers.add(KafkaHeaders.SCHEMA_ID, utf8(Integer.toString(schemaId)));
        headers.add(KafkaHeaders.LATENCY_US, utf8(Long.toString(latencyNanos / 1000)));
        return new Record<>(input.key(), prediction, input.timestamp(), headers);
    }

    private void deadLetter(BufferedRecord record, Stage stage, String reason, Throwable error, String model,
            Integer version) {
        Lineage lineage = Lineage.kafka(record.topic(), record.partition(), record.offset(), KeyText.of(record.key()),
                null, record.timestamp());
        DeadLetter letter = Envelopes.deadLetter(stage, reason, error, record.key(), record.value(), record.headers(),
                lineage, model, version, System.currentTimeMillis(), settings.scorerId());
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach(headers::add);
        emitter.deadLetter(new Record<>(record.key(), letter, record.timestamp(), headers));
        metrics.deadLettered(route.name(), stage.name(), reason);
        LOG.debug("route {}: dead-lettered {}-{}@{} at {}: {}", route.name(), record.topic(), record.partition(),
                record.offset(), stage, error.getMessage());
    }

    private static boolean isWritten(String key) {
        for (String written : KafkaHeaders.WRITTEN) {
            if (written.equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
