/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.serving.grpc.v2.GRPCInferenceServiceGrpc;
import dev.inferstream.serving.grpc.v2.InferTensorContents;
import dev.inferstream.serving.grpc.v2.ModelInferRequest;
import dev.inferstream.serving.grpc.v2.ModelInferResponse;
import dev.inferstream.streaming.config.ScorerConfig;
import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Open Inference Protocol endpoints of a streaming scorer on the real broker and registry: requests score like
 * Kafka records, follow the control topic, send shadow predictions to the shadow topic and log to Kafka.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(300)
class OipServingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private StreamingScorer scorer;

    @AfterEach
    void tearDown() {
        if (scorer != null) {
            scorer.close();
        }
    }

    @Test
    void aRequestScoresLikeItsKafkaRecordAndItsShadowAndLogGoToKafka(TestStack stack) throws Exception {
        ScorerFixture fx = new ScorerFixture(stack, dir, 1);
        fx.publish("fraud", 1);
        fx.publish("fraud", 2);
        String log = stack.newTopic("requests", 1);
        String control = "deployments-" + fx.input;
        Ctl ctl = new Ctl(fx, control);
        ctl.run("deploy", "fraud", "1");
        scorer = StreamingScorer.start(ScorerConfig.from(fx.config(
                "fraud",
                "scorer.control.topic=" + control + "\nscorer.status.interval.ms=0\n"
                        + "scorer.serving.rest.port=0\nscorer.serving.grpc.port=0\n"
                        + "scorer.serving.model.fraud.request-log=" + log)));
        scorer.awaitRunning(Duration.ofSeconds(60));
        ctl.run("shadow", "fraud", "2");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> scorer.models()
                        .deployment("fraud")
                        .orElseThrow()
                        .shadows()
                        .contains(2));

        List<GenericRecord> events = ScorerFixture.events(1, 5);
        fx.produce(events);
        Prediction kafka =
                fx.predictions(fx.output, 1, Duration.ofSeconds(60)).get(0).value();

        JsonNode rest = post("/v2/models/fraud/infer", recordForm("req-7", events.get(0)));
        assertThat(rest.path("outputs").toString()).contains("\"name\":\"score\"");
        assertThat(output(rest, "score")).isEqualTo(kafka.getScore());
        assertThat(rest.path("parameters").path("arm").asText()).isEqualTo(kafka.getArm());

        ModelInferResponse grpc = grpc(events.get(0));
        double grpcScore = -1;
        for (int i = 0; i < grpc.getOutputsCount(); i++) {
            if (grpc.getOutputs(i).getName().equals("score")) {
                grpcScore = grpc.getRawOutputContents(i)
                        .asReadOnlyByteBuffer()
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getDouble(0);
            }
        }
        assertThat(grpcScore).isEqualTo(kafka.getScore());

        String restId = rest.path("parameters").path("prediction_id").asText();
        List<ConsumerRecord<byte[], Prediction>> logged = fx.predictions(log, 2, Duration.ofSeconds(60));
        assertThat(logged).extracting(r -> r.value().getSource().getSystem()).containsExactlyInAnyOrder("rest", "grpc");
        ConsumerRecord<byte[], Prediction> restLogged = logged.stream()
                .filter(r -> r.value().getSource().getSystem().equals("rest"))
                .findFirst()
                .orElseThrow();
        assertThat(restLogged.value().getPredictionId()).isEqualTo(restId);
        assertThat(restLogged.value().getSource().getName()).isEqualTo("req-7");
        assertThat(restLogged.value().getScore()).isEqualTo(kafka.getScore());
        assertThat(new String(
                        restLogged.headers().lastHeader("ml.prediction.id").value(), StandardCharsets.UTF_8))
                .isEqualTo(restId);

        List<ConsumerRecord<byte[], Prediction>> shadows = fx.predictions(fx.shadow, 3, Duration.ofSeconds(60));
        assertThat(shadows)
                .filteredOn(r -> r.value().getSource().getSystem().equals("rest"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.value().getArm()).isEqualTo("shadow:2");
                    assertThat(r.value().getPredictionId()).isEqualTo(restId);
                });
        String metrics = scorer.metrics().scrape();
        assertThat(metrics)
                .contains(
                        "inferstream_records_scored_total{arm=\"stable\",model=\"fraud\",route=\"oip-rest\",version=\"1\"}")
                .contains("inferstream_requests_total{model=\"fraud\",protocol=\"grpc\",status=\"OK\"}");
    }

    @Test
    void aScorerWithoutRoutesServesRequestsAndFollowsTheControlTopic(TestStack stack) throws Exception {
        ScorerFixture fx = new ScorerFixture(stack, dir, 1);
        fx.publish("fraud", 1);
        fx.publish("fraud", 2);
        String control = "deployments-" + fx.input;
        Ctl ctl = new Ctl(fx, control);
        ctl.run("deploy", "fraud", "1");
        Properties config = fx.config(
                "fraud",
                "scorer.control.topic=" + control + "\nscorer.status.interval.ms=0\n"
                        + "scorer.serving.rest.port=0\nscorer.serving.grpc.port=0\nscorer.serving.models=fraud\n");
        config.keySet().removeIf(k -> k.toString().startsWith("scorer.route"));
        scorer = StreamingScorer.start(ScorerConfig.from(config));
        assertThat(scorer.state()).isEqualTo(org.apache.kafka.streams.KafkaStreams.State.RUNNING);
        ctl.run("canary", "fraud", "2", "--percent", "50");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> scorer.models().deployment("fraud").orElseThrow().revision() == 2);
        GenericRecord event = ScorerFixture.events(1, 9).get(0);
        Set<String> arms = new HashSet<>();
        for (int card = 0; card < 20; card++) {
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                JsonNode r = post(
                        "/v2/models/fraud/infer",
                        recordForm("c" + card + "-" + i, event)
                                .replace("\"parameters\": {}", "\"parameters\": {\"key\": \"card-" + card + "\"}"));
                seen.add(r.path("parameters").path("arm").asText());
            }
            assertThat(seen.get(1)).as("card-" + card).isEqualTo(seen.get(0));
            arms.add(seen.get(0));
        }
        assertThat(arms).containsExactlyInAnyOrder("stable", "canary");

        List<String> predict = new ArrayList<>(List.of("predict", "fraud", "--key", "card-3"));
        for (int f = 0; f < ScorerFixture.FEATURES; f++) {
            predict.addAll(List.of("--field", "f" + f + "=" + event.get("f" + f)));
        }
        String overRest = ctl.run(concat(predict, "--url", "http://127.0.0.1:" + scorer.restPort()));
        String overGrpc = ctl.run(concat(predict, "--grpc", "--grpc-target", "127.0.0.1:" + scorer.grpcPort()));
        assertThat(overRest).startsWith("fraud v").contains("score").contains("prediction ");
        assertThat(overGrpc.lines().findFirst()).isEqualTo(overRest.lines().findFirst());
    }

    private static String[] concat(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private ModelInferResponse grpc(GenericRecord event) {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", scorer.grpcPort())
                .usePlaintext()
                .build();
        try {
            InferTensorContents.Builder features = InferTensorContents.newBuilder();
            for (int f = 0; f < ScorerFixture.FEATURES; f++) {
                features.addFp32Contents((float) (double) (Double) event.get("f" + f));
            }
            return GRPCInferenceServiceGrpc.newBlockingStub(channel)
                    .modelInfer(ModelInferRequest.newBuilder()
                            .setModelName("fraud")
                            .setId("g-1")
                            .addInputs(ModelInferRequest.InferInputTensor.newBuilder()
                                    .setName("features")
                                    .setDatatype("FP32")
                                    .addShape(1)
                                    .addShape(ScorerFixture.FEATURES)
                                    .setContents(features))
                            .build());
        } finally {
            channel.shutdownNow();
        }
    }

    /** The event's fields as a record-form request: one FP64 input per field. */
    private static String recordForm(String id, GenericRecord event) {
        StringBuilder inputs = new StringBuilder();
        for (int f = 0; f < ScorerFixture.FEATURES; f++) {
            inputs.append(f == 0 ? "" : ",")
                    .append("{\"name\": \"f")
                    .append(f)
                    .append("\", \"datatype\": \"FP64\", \"shape\": [1], \"data\": [")
                    .append(event.get("f" + f))
                    .append("]}");
        }
        return "{\"id\": \"" + id + "\", \"parameters\": {}, \"inputs\": [" + inputs + "]}";
    }

    private JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + scorer.restPort() + path))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static double output(JsonNode response, String name) {
        for (JsonNode o : response.path("outputs")) {
            if (o.path("name").asText().equals(name)) {
                return o.path("data").get(0).asDouble();
            }
        }
        throw new AssertionError("no output " + name);
    }
}
