/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inferstream.model.envelope.Envelopes;
import dev.inferstream.model.envelope.Lineage;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.routing.RolloutPolicy;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.SourceRecord;
import dev.inferstream.serving.ServingFixture.Answer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST endpoints of the Open Inference Protocol against a started server, with java.net.http. */
class RestProtocolIT {
    @TempDir
    static Path dir;

    static ServingFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServingFixture(dir);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @AfterEach
    void stableAgain() throws Exception {
        fixture.deploy(DeploymentSpec.stable(ServingFixture.MODEL, 1));
    }

    @Test
    void healthEndpointsAnswerJson() throws Exception {
        assertThat(fixture.get("/v2/health/live").json().path("live").asBoolean())
                .isTrue();
        Answer ready = fixture.get("/v2/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("ready").asBoolean()).isTrue();
        JsonNode server = fixture.get("/v2").json();
        assertThat(server.path("name").asText()).isEqualTo("inferstream");
        assertThat(server.path("extensions").toString()).contains("binary_tensor_data");
    }

    @Test
    void modelMetadataAdvertisesTensorAndRecordForms() throws Exception {
        fixture.deploy(new DeploymentSpec(ServingFixture.MODEL, RolloutPolicy.stable(1), List.of(), List.of(2), 1));
        JsonNode m = fixture.get("/v2/models/fraud").json();
        assertThat(m.path("name").asText()).isEqualTo("fraud");
        assertThat(m.path("platform").asText()).isEqualTo("onnx_onnxv1");
        assertThat(m.path("versions").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(m.path("inputs").toString())
                .isEqualTo("[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[-1,5]}]");
        assertThat(m.path("outputs").toString())
                .contains("{\"name\":\"probabilities\",\"datatype\":\"FP64\",\"shape\":[-1,2]}")
                .contains("{\"name\":\"label\",\"datatype\":\"BYTES\",\"shape\":[-1]}")
                .contains("{\"name\":\"embedding\",\"datatype\":\"FP64\",\"shape\":[-1,-1]}")
                .contains("{\"name\":\"score\",\"datatype\":\"FP64\",\"shape\":[-1]}");
        JsonNode properties = m.path("properties");
        assertThat(properties.path("input_forms").asText()).isEqualTo("tensor,record");
        JsonNode record =
                ServingFixture.JSON.readTree(properties.path("record_inputs").asText());
        assertThat(record.toString())
                .contains("{\"name\":\"amount\",\"datatype\":\"FP64\",\"shape\":[-1]}")
                .contains("{\"name\":\"channel\",\"datatype\":\"BYTES\",\"shape\":[-1],\"categories\":[\"pos\","
                        + "\"ecommerce\",\"atm\"]}")
                .contains("{\"name\":\"device.trusted\",\"datatype\":\"FP64\",\"shape\":[-1],\"default\":0.0}");
        assertThat(fixture.get("/v2/models/fraud/versions/2")
                        .json()
                        .path("properties")
                        .path("version")
                        .asText())
                .isEqualTo("2");
        Answer unserved = fixture.get("/v2/models/fraud/versions/3");
        assertThat(unserved.status()).isEqualTo(404);
        assertThat(unserved.error()).contains("version '3' of fraud is not served");
    }

    @Test
    void modelReadinessAndUnknownModels() throws Exception {
        Answer ready = fixture.get("/v2/models/fraud/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("ready").asBoolean()).isTrue();
        assertThat(fixture.get("/v2/models/fraud/versions/1/ready").status()).isEqualTo(200);
        assertThat(fixture.get("/v2/models/fraud/versions/9/ready").status()).isEqualTo(404);
        Answer unknown = fixture.get("/v2/models/churn/ready");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).contains("model 'churn' is not served here");
        assertThat(fixture.post("/v2/models/churn/infer", ServingFixture.record("r", 1, "pos", ""))
                        .status())
                .isEqualTo(404);
        Answer noRoute = fixture.get("/v3/nothing");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.error()).contains("no such endpoint");
    }

    @Test
    void recordFormIsBitIdenticalToTheKafkaPathWithTheSamePredictionIdScheme() throws Exception {
        Answer answer = fixture.post("/v2/models/fraud/infer", ServingFixture.record("req-1", 42.5, "ecommerce", ""));
        assertThat(answer.status()).isEqualTo(200);
        JsonNode r = answer.json();
        Prediction kafka = fixture.kafkaPath(42.5, "ecommerce", null);
        assertThat(r.path("id").asText()).isEqualTo("req-1");
        assertThat(r.path("model_name").asText()).isEqualTo("fraud");
        assertThat(r.path("model_version").asText()).isEqualTo("1");
        assertThat(output(r, "score").get(0).asDouble()).isEqualTo(kafka.getScore());
        assertThat(output(r, "label").get(0).asText()).isEqualTo(kafka.getLabel());
        assertThat(output(r, "probabilities").get(1).asDouble())
                .isEqualTo(kafka.getProbabilities().get(1).getProbability());
        assertThat(output(r, "embedding").size()).isEqualTo(4);
        JsonNode parameters = r.path("parameters");
        assertThat(parameters.path("arm").asText()).isEqualTo("stable");
        assertThat(parameters.path("sha256").asText()).isEqualTo(kafka.getSha256());
        assertThat(parameters.path("latency_us").asLong()).isPositive();
        Lineage lineage = new Lineage(new SourceRecord("rest", "req-1", 0, 0L), "req-1", null, 0);
        assertThat(parameters.path("prediction_id").asText())
                .isEqualTo(Envelopes.predictionId(lineage, "fraud", 1, "stable"));
    }

    @Test
    void tensorFormScoresTheOnnxInputAsGiven() throws Exception {
        // amount 42.5, channel ecommerce one-hot, device.trusted 0: the row the manifest builds from the record
        Answer answer = fixture.post("/v2/models/fraud/infer", """
                {"id": "t", "inputs": [{"name": "features", "datatype": "FP32", "shape": [1, 5],
                  "data": [[42.5, 0, 1, 0, 0]]}], "outputs": [{"name": "score"}]}
                """);
        assertThat(answer.status()).isEqualTo(200);
        JsonNode outputs = answer.json().path("outputs");
        assertThat(outputs).hasSize(1);
        assertThat(outputs.get(0).path("data").get(0).asDouble())
                .isEqualTo(fixture.kafkaPath(42.5, "ecommerce", null).getScore());
    }

    @Test
    void severalRowsGetOneOutputRowAndOnePredictionIdEach() throws Exception {
        Answer answer = fixture.post("/v2/models/fraud/infer", """
                {"id": "multi", "inputs": [
                  {"name": "amount", "datatype": "FP64", "shape": [3], "data": [1, 200, 3000]},
                  {"name": "channel", "datatype": "BYTES", "shape": [3], "data": ["pos", "atm", "ecommerce"]},
                  {"name": "device.trusted", "datatype": "INT32", "shape": [3], "data": [1, null, 0]}]}
                """);
        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        JsonNode r = answer.json();
        assertThat(output(r, "score")).hasSize(3);
        assertThat(output(r, "score").get(1).asDouble())
                .isEqualTo(fixture.kafkaPath(200, "atm", null).getScore());
        assertThat(output(r, "score").get(0).asDouble())
                .isEqualTo(fixture.kafkaPath(1, "pos", 1).getScore());
        assertThat(r.path("parameters").path("prediction_id").asText().split(","))
                .hasSize(3)
                .doesNotHaveDuplicates();
        assertThat(r.path("outputs").get(0).path("shape").toString()).isEqualTo("[3,2]");
    }

    @Test
    void binaryTensorsInAndOutFollowTheBinaryDataExtension() throws Exception {
        byte[] header = """
                {"inputs": [{"name": "features", "datatype": "FP32", "shape": [1, 5],
                  "parameters": {"binary_data_size": 20}}],
                 "parameters": {"binary_data_output": true}}
                """.getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(header.length + 20).order(ByteOrder.LITTLE_ENDIAN);
        body.put(header).putFloat(42.5f).putFloat(0).putFloat(1).putFloat(0).putFloat(0);
        Answer answer = fixture.post(
                "/v2/models/fraud/infer",
                body.array(),
                Map.of("Inference-Header-Content-Length", Integer.toString(header.length)));
        assertThat(answer.status()).isEqualTo(200);
        int jsonLength = Integer.parseInt(answer.raw()
                .headers()
                .firstValue("Inference-Header-Content-Length")
                .orElseThrow());
        byte[] raw = answer.raw().body();
        JsonNode r = ServingFixture.JSON.readTree(new String(raw, 0, jsonLength, StandardCharsets.UTF_8));
        ByteBuffer binary =
                ByteBuffer.wrap(raw, jsonLength, raw.length - jsonLength).order(ByteOrder.LITTLE_ENDIAN);
        double score = Double.NaN;
        for (JsonNode output : r.path("outputs")) {
            int size = output.path("parameters").path("binary_data_size").asInt();
            assertThat(output.has("data")).isFalse();
            if (output.path("name").asText().equals("score")) {
                score = binary.getDouble(binary.position());
            }
            binary.position(binary.position() + size);
        }
        assertThat(binary.hasRemaining()).isFalse();
        assertThat(score).isEqualTo(fixture.kafkaPath(42.5, "ecommerce", null).getScore());
    }

    @Test
    void aVersionInThePathPinsItAndMustBeServed() throws Exception {
        fixture.deploy(new DeploymentSpec(ServingFixture.MODEL, RolloutPolicy.stable(1), List.of(), List.of(2), 2));
        Answer pinned = fixture.post("/v2/models/fraud/versions/2/infer", ServingFixture.record("p", 5, "pos", ""));
        assertThat(pinned.status()).isEqualTo(200);
        assertThat(pinned.json().path("model_version").asText()).isEqualTo("2");
        assertThat(pinned.json().path("parameters").path("arm").asText()).isEqualTo("pinned");
        Answer unserved = fixture.post("/v2/models/fraud/versions/3/infer", ServingFixture.record("p", 5, "pos", ""));
        assertThat(unserved.status()).isEqualTo(404);
        assertThat(unserved.error()).contains("version '3' of fraud is not served");
        assertThat(fixture.post("/v2/models/fraud/versions/x/infer", ServingFixture.record("p", 5, "pos", ""))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void canarySplitIsStickyByTheKeyParameter() throws Exception {
        fixture.deploy(
                new DeploymentSpec(ServingFixture.MODEL, RolloutPolicy.canary(1, 2, 5_000), List.of(), List.of(), 3));
        Set<String> arms = new HashSet<>();
        for (int card = 0; card < 30; card++) {
            String first = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                JsonNode r = fixture.post(
                                "/v2/models/fraud/infer",
                                ServingFixture.record(
                                        "r-" + card + "-" + attempt, 10, "pos", "\"key\": \"card-" + card + "\""))
                        .json();
                String arm = r.path("parameters").path("arm").asText() + "/"
                        + r.path("model_version").asText();
                if (first == null) {
                    first = arm;
                }
                assertThat(arm).as("card-" + card + " keeps its arm").isEqualTo(first);
            }
            arms.add(first);
        }
        assertThat(arms).containsExactlyInAnyOrder("stable/1", "canary/2");
    }

    @Test
    void badRequestsAre400sNamingTheInputAndTheProblem() throws Exception {
        assertBad("""
                {"inputs": [{"name": "features", "datatype": "FP32", "shape": [1, 4], "data": [1, 2, 3, 4]}]}""", "features", "has 4 values per row; the model takes 5");
        assertBad("""
                {"inputs": [{"name": "features", "datatype": "FP32", "shape": [1, 5], "data": [1, 2, 3, 4]}]}""", "features", "holds 5 elements but the data has 4");
        assertBad("""
                {"inputs": [{"name": "features", "datatype": "INT64", "shape": [1, 5], "data": [1, 2, 3, 4, 5]}]}""", "features", "datatype INT64; the model takes FP32");
        assertBad("""
                {"inputs": [{"name": "features", "datatype": "FP32", "shape": [1, 5], "data": [NaN, 0, 1, 0, 0]}]}""", "features", "NON_FINITE");
        assertBad("""
                {"inputs": [{"name": "channel", "datatype": "BYTES", "shape": [1], "data": ["pos"]}]}""", "amount", "MISSING_FIELD");
        assertBad(ServingFixture.record("x", 1, "teleport", ""), "channel", "UNKNOWN_CATEGORY");
        assertBad("""
                {"inputs": [{"name": "amount", "datatype": "FP64", "shape": [1], "data": ["lots"]}]}""", "amount", "'lots' is a string");
        assertBad("""
                {"inputs": [{"name": "amount", "datatype": "FLOAT", "shape": [1], "data": [1]}]}""", "amount", "unknown datatype 'FLOAT'");
        assertBad("""
                {"inputs": [{"name": "colour", "datatype": "BYTES", "shape": [1], "data": ["red"]}]}""", "colour", "unknown input");
        assertBad(
                ServingFixture.record("x", 1, "pos", "").replace("]}\n", "], \"outputs\": [{\"name\": \"bogus\"}]}\n"),
                "bogus",
                "unknown output");
        assertBad("{\"inputs\": [", "JSON", "malformed");
        Answer tooLarge = fixture.post("/v2/models/fraud/infer", "{\"id\": \"" + "x".repeat(70_000) + "\"}");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.error()).contains("larger than the limit of 65536 bytes");
        assertThat(fixture.post("/v2/models/fraud/infer", ServingFixture.record("ok", 1, "pos", ""))
                        .status())
                .as("the server keeps answering")
                .isEqualTo(200);
    }

    private static void assertBad(String body, String input, String problem) throws Exception {
        Answer answer = fixture.post("/v2/models/fraud/infer", body);
        assertThat(answer.status()).as(body).isEqualTo(400);
        assertThat(answer.error()).as(body).contains(input).contains(problem);
    }

    static JsonNode output(JsonNode response, String name) {
        for (JsonNode output : response.path("outputs")) {
            if (output.path("name").asText().equals(name)) {
                return output.path("data");
            }
        }
        throw new AssertionError("no output " + name + " in " + response);
    }
}
