/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The REST client: JSON over HTTP/1.1 with java.net.http. */
final class RestOipClient implements OipClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    RestOipClient(URI baseUrl) {
        String text = baseUrl.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public Prediction predict(String model, String version, Map<String, String> fields, String key) {
        String path = "/v2/models/" + encode(model) + (version == null ? "" : "/versions/" + encode(version));
        JsonNode metadata = call(HttpRequest.newBuilder(URI.create(base + path)).GET());
        FieldTypes types = FieldTypes.parse(
                metadata.path("properties").path("record_inputs").asText(null));
        ObjectNode request = JSON.createObjectNode();
        String id = UUID.randomUUID().toString();
        request.put("id", id);
        if (key != null) {
            request.putObject("parameters").put("key", key);
        }
        ArrayNode inputs = request.putArray("inputs");
        types.typed(fields).forEach((name, value) -> {
            ObjectNode input = inputs.addObject().put("name", name);
            if (value instanceof String text) {
                input.put("datatype", "BYTES");
                input.putArray("shape").add(1);
                input.putArray("data").add(text);
            } else if (value instanceof List<?> numbers) {
                input.put("datatype", "FP64");
                input.putArray("shape").add(1).add(numbers.size());
                ArrayNode data = input.putArray("data");
                numbers.forEach(n -> data.add((Double) n));
            } else {
                input.put("datatype", "FP64");
                input.putArray("shape").add(1);
                input.putArray("data").add((Double) value);
            }
        });
        JsonNode r = call(HttpRequest.newBuilder(URI.create(base + path + "/infer"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())));
        Map<String, List<Object>> outputs = new LinkedHashMap<>();
        for (JsonNode o : r.path("outputs")) {
            List<Object> values = new ArrayList<>();
            for (JsonNode v : o.path("data")) {
                values.add(v.isNumber() ? (Object) v.asDouble() : v.asText());
            }
            outputs.put(o.path("name").asText(), values);
        }
        JsonNode p = r.path("parameters");
        return new Prediction(
                r.path("model_name").asText(),
                r.path("model_version").asText(),
                p.path("arm").asText(),
                p.path("prediction_id").asText(),
                p.path("sha256").asText(),
                p.path("latency_us").asLong(),
                r.path("id").asText(),
                outputs);
    }

    private JsonNode call(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new OipException("UNREACHABLE", "cannot reach " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OipException("INTERRUPTED", "interrupted", e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new OipException(Integer.toString(response.statusCode()), response.body(), e);
        }
        if (response.statusCode() != 200) {
            throw new OipException(
                    Integer.toString(response.statusCode()), body.path("error").asText(response.body()), null);
        }
        return body;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        // java.net.http.HttpClient releases its connections when collected
    }
}
