/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the Confluent Schema Registry REST API (also served by Apicurio's {@code /apis/ccompat/v7}) for
 * Avro schemas. Ids and schemas are immutable in the registry, so both lookups are cached for the client's
 * lifetime; latest-version lookups are not. Thread-safe; share one per process.
 */
public final class SchemaRegistryClient {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryClient.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryConfig config;
    private final HttpClient http;
    private final String authorization;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private volatile int preferredUrl;

    public SchemaRegistryClient(RegistryConfig config) {
        this.config = config;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.requestTimeout());
        config.ssl().ifPresent(ssl -> builder.sslContext(ssl.context()));
        this.http = builder.build();
        this.authorization = config.userInfo()
                .map(info -> "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)))
                .orElse(null);
    }

    public RegistryConfig config() {
        return config;
    }

    /**
     * Registers {@code schema} under {@code subject} and returns its id; idempotent, also when many writers
     * register the same schema at the same moment. Whatever a registration attempt answers (a 409 from a
     * concurrent registration, a timeout after the registry stored it), the schema is then looked up under the
     * subject and its id used when it is there; only a schema the registry finds incompatible with the subject is
     * refused ({@link RegistryException.Incompatible}, with the registry's reason). Other conflicts (a concurrent
     * registration still in progress) are retried with backoff; an unreachable registry, after the retries of
     * each call, is {@link RegistryException.Unavailable}.
     */
    public int register(String subject, Schema schema) {
        Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = ids.get(schema);
        if (cached != null) {
            return cached;
        }
        int id = registerIdempotently(subject, schema);
        ids.put(schema, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    private int registerIdempotently(String subject, Schema schema) {
        int rounds = config.maxRetries() + 2;
        long backoff = config.initialBackoff().toMillis();
        RegistryException failure = null;
        for (int round = 0; round < rounds; round++) {
            try {
                return registerOnce(subject, schema);
            } catch (RegistryException e) {
                failure = e;
            }
            OptionalInt existing = lookup(subject, schema);
            if (existing.isPresent()) {
                LOG.debug(
                        "{} was registered under {} concurrently; using id {}",
                        schema.getFullName(),
                        subject,
                        existing);
                return existing.getAsInt();
            }
            if (!(failure instanceof RegistryException.Incompatible)) {
                // unreachable (each call already retried with backoff), unauthorized or not a valid schema
                throw failure;
            }
            Optional<String> reason = incompatibility(subject, schema);
            if (reason.isPresent()) {
                throw new RegistryException.Incompatible(
                        "schema " + schema.getFullName() + " is not compatible with the versions of subject "
                                + subject + " at " + config.urls() + ": " + reason.get() + " (evolve the schema "
                                + "compatibly, write to a new topic, or change the subject's compatibility level)",
                        failure.status(),
                        failure.errorCode());
            }
            // a conflict that is no incompatibility: a concurrent registration the registry has not finished yet
            if (round + 1 < rounds) {
                LOG.debug(
                        "registering {} under {} failed, retrying in {} ms: {}",
                        schema.getFullName(),
                        subject,
                        backoff,
                        failure.getMessage());
                sleep(backoff);
                backoff = Math.min(backoff * 2, config.maxBackoff().toMillis());
            }
        }
        throw failure;
    }

    /** One registration request; its id is checked to hold {@code schema} (ids go into every record). */
    private int registerOnce(String subject, Schema schema) {
        JsonNode response = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = response.path("id").asInt();
        if (!holds(id, schema)) {
            throw new RegistryException.Unavailable(
                    "the registry at " + config.urls() + " answered id " + id + " for " + schema.getFullName()
                            + " under " + subject + ", but that id holds another schema",
                    null);
        }
        return id;
    }

    /** The id of {@code schema} under {@code subject} if it is registered there; empty when it is not (yet). */
    private OptionalInt lookup(String subject, Schema schema) {
        try {
            JsonNode found = call("POST", "/subjects/" + encode(subject), schemaBody(schema));
            Schema stored = parse(found, "subject " + subject);
            if (SchemaNormalization.parsingFingerprint64(stored) != SchemaNormalization.parsingFingerprint64(schema)) {
                return OptionalInt.empty();
            }
            int id = found.path("id").asInt();
            schemasById.putIfAbsent(id, stored);
            return OptionalInt.of(id);
        } catch (RegistryException.NotFound | RegistryException.Unavailable e) {
            return OptionalInt.empty();
        }
    }

    /** Why the registry finds {@code schema} incompatible with {@code subject}; empty when it is compatible. */
    private Optional<String> incompatibility(String subject, Schema schema) {
        JsonNode check;
        try {
            check = call(
                    "POST",
                    "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                    schemaBody(schema));
        } catch (RegistryException.NotFound | RegistryException.Unavailable e) {
            return Optional.empty();
        }
        if (check.path("is_compatible").asBoolean(true)) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        check.path("messages").forEach(m -> reasons.add(m.asText()));
        if (check.hasNonNull("reason")) {
            reasons.add(check.get("reason").asText());
        }
        return Optional.of(reasons.isEmpty() ? "the registry gave no reason" : String.join("; ", reasons));
    }

    /** Whether the registry's schema {@code id} is {@code schema} (ids are written into every record: check once). */
    private boolean holds(int id, Schema schema) {
        Schema stored = parse(call("GET", "/schemas/ids/" + id, null), "schema id " + id);
        return SchemaNormalization.parsingFingerprint64(stored) == SchemaNormalization.parsingFingerprint64(schema);
    }

    /** The id of {@code schema} under {@code subject}, without registering it. */
    public int idOf(String subject, Schema schema) {
        Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = ids.get(schema);
        if (cached != null) {
            return cached;
        }
        JsonNode response = call("POST", "/subjects/" + encode(subject), schemaBody(schema));
        int id = response.path("id").asInt();
        ids.put(schema, id);
        return id;
    }

    /** The schema with this global id. */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode response = call("GET", "/schemas/ids/" + id, null);
        Schema schema = parse(response, "schema id " + id);
        schemasById.put(id, schema);
        return schema;
    }

    /** The latest version of {@code subject}. */
    public RegisteredSchema latest(String subject) {
        return version(subject, "latest");
    }

    public RegisteredSchema version(String subject, int version) {
        return version(subject, Integer.toString(version));
    }

    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        call("GET", "/subjects/" + encode(subject) + "/versions", null).forEach(v -> versions.add(v.asInt()));
        return versions;
    }

    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        call("GET", "/subjects", null).forEach(s -> subjects.add(s.asText()));
        return subjects;
    }

    /** Whether {@code schema} may be registered as the next version of {@code subject}. */
    public boolean isCompatible(String subject, Schema schema) {
        JsonNode response =
                call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema));
        return response.path("is_compatible").asBoolean(false);
    }

    /** Sets the compatibility level (BACKWARD, FORWARD, FULL, NONE, …) of one subject. */
    public void setCompatibility(String subject, String level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level);
        call("PUT", "/config/" + encode(subject), body.toString());
    }

    private RegisteredSchema version(String subject, String version) {
        JsonNode response = call("GET", "/subjects/" + encode(subject) + "/versions/" + version, null);
        int id = response.path("id").asInt();
        Schema schema = parse(response, "subject " + subject + " version " + version);
        schemasById.putIfAbsent(id, schema);
        return new RegisteredSchema(subject, response.path("version").asInt(), id, schemasById.get(id));
    }

    private JsonNode call(String method, String path, String body) {
        int attempts = config.maxRetries() + 1;
        Exception last = null;
        long backoff = config.initialBackoff().toMillis();
        for (int attempt = 0; attempt < attempts; attempt++) {
            int index = (preferredUrl + attempt) % config.urls().size();
            URI uri = URI.create(config.urls().get(index) + path);
            try {
                HttpResponse<String> response =
                        http.send(request(method, uri, body), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    preferredUrl = index;
                    return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
                }
                if (status >= 500 || status == 429 || status == 408) {
                    last = new IOException(method + " " + uri + " answered HTTP " + status + ": " + response.body());
                } else {
                    throw refusal(method, uri, status, response.body());
                }
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException.Unavailable("interrupted while calling the schema registry at " + uri, e);
            }
            if (attempt + 1 < attempts) {
                LOG.debug("schema registry call {} {} failed, retrying in {} ms", method, uri, backoff, last);
                sleep(backoff);
                backoff = Math.min(backoff * 2, config.maxBackoff().toMillis());
            }
        }
        throw new RegistryException.Unavailable(
                "schema registry at " + config.urls() + " did not answer " + method
                        + " " + path + " after " + attempts + " attempts: " + describe(last)
                        + " (check " + RegistryConfig.URL + " and that the registry is running)",
                last);
    }

    private HttpRequest request(String method, URI uri, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (body != null) {
            builder.header("Content-Type", CONTENT_TYPE);
        }
        return builder.method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private static RegistryException refusal(String method, URI uri, int status, String body) {
        int code = -1;
        String message = body;
        try {
            JsonNode error = JSON.readTree(body);
            code = error.path("error_code").asInt(-1);
            message = error.path("message").asText(body);
        } catch (IOException notJson) {
            // keep the raw body as the message
        }
        String text = method + " " + uri + " was refused with HTTP " + status + " (" + code + "): " + message;
        if (status == 404) {
            return new RegistryException.NotFound(text, status, code);
        }
        if (status == 409) {
            return new RegistryException.Incompatible(text, status, code);
        }
        if (status == 401 || status == 403) {
            return new RegistryException(text + " (check " + RegistryConfig.USER_INFO + ")", status, code, null);
        }
        return new RegistryException(text, status, code, null);
    }

    private static Schema parse(JsonNode response, String what) {
        String type = response.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new RegistryException(what + " is a " + type + " schema; only AVRO is supported", 200, -1, null);
        }
        try {
            return new Schema.Parser().parse(response.path("schema").asText());
        } catch (SchemaParseException e) {
            throw new RegistryException(what + " is not a valid Avro schema: " + e.getMessage(), 200, -1, e);
        }
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String describe(Exception e) {
        if (e == null) {
            return "no attempt made";
        }
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis + ThreadLocalRandom.current().nextLong(Math.max(1, millis / 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException.Unavailable("interrupted while waiting to retry the schema registry", e);
        }
    }
}
