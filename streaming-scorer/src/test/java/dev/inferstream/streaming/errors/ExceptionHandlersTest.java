/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Stage;
import dev.inferstream.schemas.serde.AvroSerdeException;
import dev.inferstream.streaming.admin.ScorerMetrics;
import dev.inferstream.streaming.topics.OutputTopics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the scorer's processing and production exception handlers decide, called as Kafka Streams calls them. */
class ExceptionHandlersTest {
    private final ScorerMetrics metrics = new ScorerMetrics();
    private final OutputTopics outputs = OutputTopics.fixed(1_048_576, Set.of());
    private final DeadLetteringProcessingHandler processing = new DeadLetteringProcessingHandler();
    private final ScorerProductionHandler production = new ScorerProductionHandler();

    @BeforeEach
    void setUp() {
        ErrorRouting routing = new ErrorRouting(
                Map.of("feedback-join-main", new ErrorRouting.DeadLetterRoute("main", "events.dlq")),
                Map.of("predictions.shadow", "main"),
                outputs,
                metrics,
                new PlainAvro(),
                "scorer-1");
        processing.configure(Map.of(ErrorRouting.CONFIG, routing));
        production.configure(Map.of(ErrorRouting.CONFIG, routing));
    }

    @Test
    void aRecordAOneAtATimeProcessorFailsOnBecomesADeadLetterAndProcessingResumes() {
        ProcessingExceptionHandler.Response response = processing.handleError(
                context("feedback-join-main", "outcomes", "raw".getBytes(StandardCharsets.UTF_8)),
                null,
                new IllegalStateException("boom"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
        ProducerRecord<byte[], byte[]> record =
                response.deadLetterQueueRecords().get(0);
        assertThat(record.topic()).isEqualTo("events.dlq");
        DeadLetter letter = PlainAvro.read(record.value());
        assertThat(letter.getStage()).isEqualTo(Stage.UNKNOWN);
        assertThat(letter.getReason()).isEqualTo("UNEXPECTED");
        assertThat(letter.getErrorMessage()).isEqualTo("boom");
        assertThat(letter.getSource().getName()).isEqualTo("outcomes");
        assertThat(letter.getSource().getOffset()).isEqualTo(7L);
        assertThat(new String(letter.getValue().array(), StandardCharsets.UTF_8))
                .isEqualTo("raw");
        assertThat(metrics.scrape()).contains("stage=\"UNKNOWN\"");
    }

    @Test
    void anUnavailableRegistryIsNeverADeadLetter() {
        ProcessingExceptionHandler.Response response = processing.handleError(
                context("feedback-join-main", "outcomes", new byte[] {1}),
                null,
                new TransientFailure(
                        "registry down",
                        new AvroSerdeException(AvroSerdeException.Reason.REGISTRY_UNAVAILABLE, "down", null)));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void aFailureInAMicroBatchingProcessorFailsTheTaskRatherThanDeadLetterTheWrongRecord() {
        ProcessingExceptionHandler.Response response = processing.handleError(
                context("score-main", "events", new byte[] {1}), null, new IllegalStateException("boom"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    }

    @Test
    void aShadowPredictionKafkaRefusesIsDroppedCountedAndItsTopicTreatedAsMissing() {
        ProductionExceptionHandler.Response response = production.handleError(
                context("score-main", "events", null),
                new ProducerRecord<>("predictions.shadow", new byte[0]),
                new TimeoutException("Topic predictions.shadow not present in metadata after 60000 ms."));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(metrics.scrape())
                .contains("inferstream_shadow_dropped_total{reason=\"TimeoutException\",route=\"main\"} 1.0");
    }

    @Test
    void anUnavailableBrokerIsRetriedAndATooLargeRecordFailsForARetryWithTheLimitReRead() {
        assertThat(production
                        .handleError(
                                context("score-main", "events", null),
                                new ProducerRecord<>("predictions", new byte[0]),
                                new TimeoutException("Expiring 3 record(s)"))
                        .result())
                .isEqualTo(ProductionExceptionHandler.Result.RETRY);
        assertThat(production
                        .handleError(
                                context("score-main", "events", null),
                                new ProducerRecord<>("predictions", new byte[0]),
                                new RecordTooLargeException("too large"))
                        .result())
                .isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }

    private static ErrorHandlerContext context(String node, String topic, byte[] rawValue) {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return topic;
            }

            @Override
            public int partition() {
                return 2;
            }

            @Override
            public long offset() {
                return 7;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders().add("trace", "t-1".getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public String processorNodeId() {
                return node;
            }

            @Override
            public TaskId taskId() {
                return new TaskId(1, 2);
            }

            @Override
            public long timestamp() {
                return 1_000;
            }

            @Override
            public byte[] sourceRawKey() {
                return "k".getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] sourceRawValue() {
                return rawValue;
            }
        };
    }

    /** Plain Avro binary, no registry: enough to read back what the handler wrote. */
    private static final class PlainAvro implements Serializer<SpecificRecord> {
        @Override
        public byte[] serialize(String topic, SpecificRecord data) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            try {
                new SpecificDatumWriter<SpecificRecord>(data.getSchema()).write(data, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        static DeadLetter read(byte[] bytes) {
            try {
                return new SpecificDatumReader<>(DeadLetter.class)
                        .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
