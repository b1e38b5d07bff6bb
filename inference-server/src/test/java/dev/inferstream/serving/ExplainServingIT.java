/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inferstream.model.envelope.Explanations;
import dev.inferstream.model.envelope.Lineage;
import dev.inferstream.model.envelope.RecordScorer;
import dev.inferstream.model.explain.Explanation;
import dev.inferstream.model.features.MapFieldSource;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.serving.grpc.v2.GRPCInferenceServiceGrpc;
import dev.inferstream.serving.grpc.v2.InferParameter;
import dev.inferstream.serving.grpc.v2.InferTensorContents;
import dev.inferstream.serving.grpc.v2.ModelInferRequest;
import dev.inferstream.serving.grpc.v2.ModelInferRequest.InferInputTensor;
import dev.inferstream.serving.grpc.v2.ModelInferResponse;
import dev.inferstream.serving.scoring.ModelInferenceService;
import dev.inferstream.testkit.onnx.TestModels;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Explanations over the Open Inference Protocol: the explain parameter, the :explain path and gRPC. */
class ExplainServingIT {
    private static final String MANIFEST = """
            name: %s
            version: 1
            inputs:
              - name: features
                type: float32
                fields: [amount, {name: channel, vocabulary: [pos, ecommerce, atm], encoding: onehot}, age]
            outputs:
              - {name: probabilities, kind: probabilities, labels: [legit, fraud], positive: fraud}
              - {name: label, kind: label, labels: [legit, fraud]}
            """;
    private static final String BACKGROUND = "amount,channel,age\n10,pos,30\n250,ecommerce,45\n40,atm,22\n90,pos,61\n";

    @TempDir
    static Path dir;

    static ModelService models;
    static ModelInferenceService service;
    static InferenceServer server;
    static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        LocalModelRepository repository = new LocalModelRepository(dir.resolve("models"));
        byte[] onnx = TestModels.logisticRegression(new float[] {0.01f, -0.5f, 1.5f, 0.2f, -0.03f}, 0.1f)
                .onnx();
        repository.publish(
                new ModelRef("fraud", 1),
                (MANIFEST.formatted("fraud") + "explain:\n  background: background.csv\n")
                        .getBytes(StandardCharsets.UTF_8),
                onnx,
                Map.of("background.csv", BACKGROUND.getBytes(StandardCharsets.UTF_8)));
        repository.publish(
                new ModelRef("plain", 1), MANIFEST.formatted("plain").getBytes(StandardCharsets.UTF_8), onnx);
        models = new ModelService(repository, InferenceOptions.defaults());
        for (String model : List.of("fraud", "plain")) {
            models.deploy(DeploymentSpec.stable(model, 1)).get(1, TimeUnit.MINUTES);
        }
        service = new ModelInferenceService(
                models, Set.of("fraud", "plain"), "test-scorer", BatchSettings.off(), ServingListener.NONE);
        server = InferenceServer.start(ServingSettings.of(0, 0), service, ServingListener.NONE);
    }

    @AfterAll
    static void stop() {
        server.close();
        service.close();
        models.close();
    }

    @Test
    void theExplainParameterAddsEachRowsAttributionsBaseValueAndExplainedValue() throws Exception {
        JsonNode r = post("/v2/models/fraud/infer", request("\"explain\": true"));

        assertThat(r.path("parameters").path("explain_fields").asText()).isEqualTo("amount,channel,age");
        assertThat(r.path("parameters").path("explain_method").asText()).isEqualTo("LINEAR");
        assertThat(r.path("parameters").path("explain_space").asText()).isEqualTo("LOG_ODDS");
        assertThat(r.path("parameters").path("explain_target").asText()).isEqualTo("fraud");
        JsonNode attributions = output(r, "attributions");
        assertThat(attributions.path("datatype").asText()).isEqualTo("FP32");
        assertThat(attributions.path("shape").toString()).isEqualTo("[2,3]");
        Explanation expected = kafkaPath(120, "atm", 50);
        for (int f = 0; f < 3; f++) {
            assertThat(attributions.path("data").get(f).asDouble())
                    .isCloseTo(expected.attributions().get(f).value(), within(1e-5));
        }
        double base = output(r, "base_value").path("data").get(0).asDouble();
        double value = output(r, "explained_value").path("data").get(0).asDouble();
        assertThat(base).isEqualTo(expected.baseValue());
        assertThat(value).isEqualTo(expected.value());
        double sum = base;
        for (int f = 0; f < 3; f++) {
            sum += attributions.path("data").get(f).asDouble();
        }
        assertThat(sum).isCloseTo(value, within(1e-5));
    }

    @Test
    void theKServeStyleExplainPathAnswersTheSameAsTheParameter() throws Exception {
        JsonNode viaPath = post("/v1/models/fraud:explain", request(""));
        JsonNode viaParameter = post("/v2/models/fraud/infer", request("\"explain\": true"));

        assertThat(output(viaPath, "attributions").path("data"))
                .isEqualTo(output(viaParameter, "attributions").path("data"));
        assertThat(output(viaPath, "score").path("data"))
                .isEqualTo(output(viaParameter, "score").path("data"));
    }

    @Test
    void grpcRequestsAskWithTheSameParameter() throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.grpcPort())
                .usePlaintext()
                .build();
        try {
            ModelInferResponse r = GRPCInferenceServiceGrpc.newBlockingStub(channel)
                    .modelInfer(ModelInferRequest.newBuilder()
                            .setModelName("fraud")
                            .putParameters(
                                    "explain",
                                    InferParameter.newBuilder()
                                            .setBoolParam(true)
                                            .build())
                            .addInputs(InferInputTensor.newBuilder()
                                    .setName("features")
                                    .setDatatype("FP32")
                                    .addAllShape(List.of(1L, 5L))
                                    .setContents(InferTensorContents.newBuilder()
                                            .addAllFp32Contents(List.of(120f, 0f, 0f, 1f, 50f))))
                            .build());

            int index =
                    r.getOutputsList().stream().map(o -> o.getName()).toList().indexOf("attributions");
            assertThat(index).isNotNegative();
            ByteBuffer raw =
                    r.getRawOutputContents(index).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            assertThat((double) raw.getFloat(0))
                    .isCloseTo(kafkaPath(120, "atm", 50).attributions().get(0).value(), within(1e-5));
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void aModelWithoutAnExplainSectionOrABadParameterIsA400NamingTheProblem() throws Exception {
        HttpResponse<String> plain = send("/v2/models/plain/infer", request("\"explain\": true"));
        HttpResponse<String> bad = send("/v2/models/fraud/infer", request("\"explain\": \"maybe\""));

        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.body()).contains("plain/1 cannot be explained").contains("explain.background");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("parameter 'explain' must be true or false");
    }

    /** Two rows: (120, atm, 50) and (15, pos, 33), in record form. */
    private static String request(String parameters) {
        return """
                {"id": "x-1", "parameters": {%s},
                 "inputs": [
                   {"name": "amount", "datatype": "FP64", "shape": [2], "data": [120, 15]},
                   {"name": "channel", "datatype": "BYTES", "shape": [2], "data": ["atm", "pos"]},
                   {"name": "age", "datatype": "FP64", "shape": [2], "data": [50, 33]}]}
                """.formatted(parameters);
    }

    /** The explanation the library gives for the same record scored as the Kafka scorers score it. */
    private static Explanation kafkaPath(double amount, String channel, double age) throws Exception {
        RecordScorer.Input input = RecordScorer.Input.decoded(
                Lineage.kafka("txns", 0, 7, null, 1, 0),
                null,
                null,
                Map.of(),
                new MapFieldSource(Map.of("amount", amount, "channel", channel, "age", age)),
                0);
        RecordScorer.Predicted predicted = (RecordScorer.Predicted)
                new RecordScorer(models, "fraud", "test").score(List.of(input)).get(0);
        return Explanations.explain(predicted);
    }

    private static JsonNode output(JsonNode response, String name) {
        for (JsonNode o : response.path("outputs")) {
            if (o.path("name").asText().equals(name)) {
                return o;
            }
        }
        throw new AssertionError("no output " + name + " in " + response);
    }

    private static JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> response = send(path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ServingFixture.JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.restPort() + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
