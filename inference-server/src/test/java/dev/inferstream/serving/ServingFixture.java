/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inferstream.model.envelope.Lineage;
import dev.inferstream.model.envelope.RecordScorer;
import dev.inferstream.model.features.AvroFieldSource;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.serving.scoring.ModelInferenceService;
import dev.inferstream.testkit.onnx.TestModels;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A started Open Inference Protocol server over a repository with two versions of a {@code fraud} model (an MLP over
 * amount, a one-hot channel and a defaulted nested flag), and helpers to call it and to score the same record the
 * way the Kafka scorers do.
 */
final class ServingFixture implements AutoCloseable {
    static final String MODEL = "fraud";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Schema EVENT = SchemaBuilder.record("Txn")
            .fields()
            .requiredDouble("amount")
            .requiredString("channel")
            .name("device")
            .type()
            .optional()
            .record("Device")
            .fields()
            .requiredInt("trusted")
            .endRecord()
            .endRecord();

    final ModelService models;
    final ModelInferenceService service;
    final InferenceServer server;
    final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final String base;

    ServingFixture(Path dir, BatchSettings batching, ServingSettings settings) throws Exception {
        LocalModelRepository repository = new LocalModelRepository(dir.resolve("models"));
        for (int version = 1; version <= 3; version++) {
            repository.publish(
                    new ModelRef(MODEL, version),
                    manifest(version).getBytes(StandardCharsets.UTF_8),
                    TestModels.mlp(5, 8, 4, 2, version));
        }
        models = new ModelService(repository, InferenceOptions.defaults());
        deploy(DeploymentSpec.stable(MODEL, 1));
        service = new ModelInferenceService(models, Set.of(MODEL), "test-scorer", batching, ServingListener.NONE);
        server = InferenceServer.start(settings, service, ServingListener.NONE);
        base = "http://127.0.0.1:" + server.restPort();
    }

    ServingFixture(Path dir) throws Exception {
        this(dir, BatchSettings.off(), ServingSettings.of(0, 0).withMaxRequestBytes(64 * 1024));
    }

    static String manifest(int version) {
        return """
                name: fraud
                version: %d
                inputs:
                  - name: features
                    type: float32
                    fields:
                      - amount
                      - {name: channel, vocabulary: [pos, ecommerce, atm], encoding: onehot}
                      - {name: device.trusted, default: 0}
                outputs:
                  - {name: probabilities, kind: probabilities, labels: [legit, fraud], positive: fraud}
                  - {name: label, kind: label, labels: [legit, fraud]}
                  - {name: embedding, kind: tensor}
                """.formatted(version);
    }

    void deploy(DeploymentSpec spec) throws Exception {
        models.deploy(spec).get(1, TimeUnit.MINUTES);
    }

    /** The prediction the Kafka path makes of the same transaction, scored by the model library directly. */
    Prediction kafkaPath(double amount, String channel, Integer trusted) {
        GenericRecord txn = new GenericData.Record(EVENT);
        txn.put("amount", amount);
        txn.put("channel", channel);
        if (trusted != null) {
            GenericRecord device = new GenericData.Record(
                    EVENT.getField("device").schema().getTypes().get(1));
            device.put("trusted", trusted);
            txn.put("device", device);
        }
        RecordScorer.Input input = RecordScorer.Input.decoded(
                Lineage.kafka("txns", 0, 7, "card-1", 1, 0), null, null, Map.of(), new AvroFieldSource(txn), 0);
        RecordScorer.Result result =
                new RecordScorer(models, MODEL, "test").score(List.of(input)).get(0);
        return ((RecordScorer.Predicted) result).prediction();
    }

    /** A JSON response: status, headers and body. */
    record Answer(int status, HttpResponse<byte[]> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new IllegalStateException(new String(raw.body(), StandardCharsets.UTF_8), e);
            }
        }

        String error() {
            return json().path("error").asText();
        }
    }

    Answer get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    Answer post(String path, String json) throws Exception {
        return post(path, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    Answer post(String path, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header(
                        "Content-Type",
                        headers.containsKey("Inference-Header-Content-Length")
                                ? "application/octet-stream"
                                : "application/json");
        headers.forEach(request::header);
        return send(request.build());
    }

    private Answer send(HttpRequest request) throws Exception {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response);
    }

    /** A record-form request body for one transaction. */
    static String record(String id, double amount, String channel, String extraParameters) {
        return """
                {"id": "%s", "parameters": {%s},
                 "inputs": [
                   {"name": "amount", "datatype": "FP64", "shape": [1], "data": [%s]},
                   {"name": "channel", "datatype": "BYTES", "shape": [1], "data": ["%s"]}]}
                """.formatted(id, extraParameters, Double.toString(amount), channel);
    }

    @Override
    public void close() {
        server.close();
        service.close();
        models.close();
    }
}
