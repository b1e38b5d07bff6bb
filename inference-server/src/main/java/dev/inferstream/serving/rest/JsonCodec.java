/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.inferstream.serving.oip.DataType;
import dev.inferstream.serving.oip.InferRequest;
import dev.inferstream.serving.oip.InferResponse;
import dev.inferstream.serving.oip.ModelMetadata;
import dev.inferstream.serving.oip.RequestedOutput;
import dev.inferstream.serving.oip.ServerMetadata;
import dev.inferstream.serving.oip.ServingException;
import dev.inferstream.serving.oip.Tensor;
import dev.inferstream.serving.oip.TensorMetadata;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The REST protocol's JSON, with Triton's binary tensor data extension: a request's JSON header may be followed by
 * the binary data of the inputs that carry a {@code binary_data_size} parameter, in input order; outputs asked for
 * with {@code binary_data} (or all, with the request parameter {@code binary_data_output}) follow the response's JSON
 * header the same way. {@code Inference-Header-Content-Length} gives the JSON header's length.
 */
final class JsonCodec {
    static final String HEADER_LENGTH = "Inference-Header-Content-Length";
    static final String BINARY_DATA_SIZE = "binary_data_size";
    static final String BINARY_DATA = "binary_data";
    static final String BINARY_DATA_OUTPUT = "binary_data_output";

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private JsonCodec() {}

    /** An encoded response: the JSON header, then {@code body.length - jsonLength} bytes of binary outputs. */
    record Encoded(byte[] body, int jsonLength) {
        boolean hasBinary() {
            return jsonLength < body.length;
        }
    }

    /**
     * Reads an inference request.
     *
     * @param jsonLength the JSON header's length when the body also carries binary data, else -1
     */
    static InferRequest readRequest(byte[] body, int jsonLength, String model, String version) {
        int headerLength = jsonLength < 0 ? body.length : jsonLength;
        if (headerLength > body.length) {
            throw ServingException.invalid(
                    HEADER_LENGTH + " is " + headerLength + " but the body has only " + body.length + " bytes");
        }
        String id = null;
        Map<String, Object> parameters = Map.of();
        List<PendingInput> inputs = new ArrayList<>();
        List<RequestedOutput> outputs = new ArrayList<>();
        try (JsonParser p = JSON.createParser(body, 0, headerLength)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, "the request body must be a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id" -> id = value == JsonToken.VALUE_NULL ? null : p.getText();
                    case "parameters" -> parameters = parameters(p, "request parameters");
                    case "inputs" -> {
                        expect(value, JsonToken.START_ARRAY, "'inputs' must be an array");
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            inputs.add(input(p));
                        }
                    }
                    case "outputs" -> {
                        expect(value, JsonToken.START_ARRAY, "'outputs' must be an array");
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            outputs.add(output(p));
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw ServingException.invalid("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer binary = ByteBuffer.wrap(body, headerLength, body.length - headerLength);
        List<Tensor> tensors = new ArrayList<>(inputs.size());
        for (PendingInput input : inputs) {
            tensors.add(input.tensor(binary));
        }
        if (binary.hasRemaining()) {
            throw ServingException.invalid(binary.remaining() + " bytes of binary data follow the JSON header that no "
                    + "input claims (check the inputs' " + BINARY_DATA_SIZE + ")");
        }
        return new InferRequest(model, version, id, parameters, tensors, outputs);
    }

    private static PendingInput input(JsonParser p) throws IOException {
        PendingInput input = new PendingInput();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "name" -> input.name = p.getText();
                case "datatype" -> input.datatype = p.getText();
                case "shape" -> {
                    expect(value, JsonToken.START_ARRAY, "an input's 'shape' must be an array of integers");
                    List<Long> dims = new ArrayList<>();
                    while (p.nextToken() == JsonToken.VALUE_NUMBER_INT) {
                        dims.add(p.getLongValue());
                    }
                    expect(p.currentToken(), JsonToken.END_ARRAY, "an input's 'shape' must be an array of integers");
                    input.shape = dims.stream().mapToLong(Long::longValue).toArray();
                }
                case "parameters" -> input.parameters = parameters(p, "input parameters");
                case "data" -> input.data = JsonData.read(p);
                default -> p.skipChildren();
            }
        }
        return input;
    }

    private static RequestedOutput output(JsonParser p) throws IOException {
        String name = null;
        Map<String, Object> parameters = Map.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "name" -> name = p.getText();
                case "parameters" -> parameters = parameters(p, "output parameters");
                default -> p.skipChildren();
            }
        }
        if (name == null) {
            throw ServingException.invalid("a requested output has no 'name'");
        }
        return new RequestedOutput(name, parameters);
    }

    private static Map<String, Object> parameters(JsonParser p, String what) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT, what + " must be a JSON object");
        Map<String, Object> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            out.put(
                    name,
                    switch (value) {
                        case VALUE_STRING -> p.getText();
                        case VALUE_NUMBER_INT -> p.getLongValue();
                        case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                        case VALUE_TRUE -> Boolean.TRUE;
                        case VALUE_FALSE -> Boolean.FALSE;
                        default ->
                            throw ServingException.invalid(
                                    what + ": '" + name + "' must be a string, number or boolean");
                    });
        }
        return out;
    }

    private static void expect(JsonToken actual, JsonToken expected, String message) {
        if (actual != expected) {
            throw ServingException.invalid(message);
        }
    }

    /** An input as read from the JSON header, made into a tensor once binary data can be assigned. */
    private static final class PendingInput {
        String name;
        String datatype;
        long[] shape;
        Map<String, Object> parameters = Map.of();
        JsonData data;

        Tensor tensor(ByteBuffer binary) {
            if (name == null) {
                throw ServingException.invalid("an input has no 'name'");
            }
            if (shape == null) {
                throw ServingException.invalid("input '" + name + "' has no 'shape'");
            }
            DataType type = DataType.parse(datatype, name);
            Object size = parameters.get(BINARY_DATA_SIZE);
            if (size != null) {
                if (!(size instanceof Long n) || n < 0 || n > binary.remaining()) {
                    throw ServingException.invalid("input '" + name + "': " + BINARY_DATA_SIZE + " " + size
                            + " does not fit the " + binary.remaining() + " binary bytes left in the body");
                }
                ByteBuffer slice = binary.slice();
                slice.limit((int) (long) n);
                binary.position(binary.position() + (int) (long) n);
                return Tensor.fromBinary(name, type, shape, slice);
            }
            if (data == null) {
                throw ServingException.invalid(
                        "input '" + name + "' has no 'data' (nor a " + BINARY_DATA_SIZE + " parameter)");
            }
            return data.toTensor(name, type, shape);
        }
    }

    /** Writes a response; outputs go binary when asked for per output or for all in the request parameters. */
    static Encoded writeResponse(InferResponse response, InferRequest request) {
        boolean allBinary = Boolean.TRUE.equals(request.parameters().get(BINARY_DATA_OUTPUT));
        ByteArrayOutputStream binary = new ByteArrayOutputStream();
        byte[] json = write(g -> {
            g.writeStartObject();
            g.writeStringField("model_name", response.modelName());
            g.writeStringField("model_version", response.modelVersion());
            g.writeStringField("id", response.id());
            g.writeObjectFieldStart("parameters");
            for (Map.Entry<String, Object> e : response.parameters().entrySet()) {
                g.writeFieldName(e.getKey());
                writeScalar(g, e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("outputs");
            for (Tensor t : response.outputs()) {
                startTensor(g, t.name(), t.datatype(), t.shape());
                if (binary(t.name(), request, allBinary)) {
                    byte[] data = t.binary();
                    g.writeObjectFieldStart("parameters");
                    g.writeNumberField(BINARY_DATA_SIZE, data.length);
                    g.writeEndObject();
                    binary.write(data, 0, data.length);
                } else {
                    g.writeFieldName("data");
                    writeData(g, t);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
        if (binary.size() == 0) {
            return new Encoded(json, json.length);
        }
        byte[] body = new byte[json.length + binary.size()];
        System.arraycopy(json, 0, body, 0, json.length);
        System.arraycopy(binary.toByteArray(), 0, body, json.length, binary.size());
        return new Encoded(body, json.length);
    }

    /** Opens a tensor's object with what every tensor description starts with: name, datatype and shape. */
    private static void startTensor(JsonGenerator g, String name, DataType datatype, long[] shape) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("datatype", datatype.name());
        g.writeArrayFieldStart("shape");
        for (long d : shape) {
            g.writeNumber(d);
        }
        g.writeEndArray();
    }

    private static boolean binary(String output, InferRequest request, boolean allBinary) {
        for (RequestedOutput r : request.outputs()) {
            if (r.name().equals(output) && r.parameters().get(BINARY_DATA) instanceof Boolean b) {
                return b;
            }
        }
        return allBinary;
    }

    private static void writeData(JsonGenerator g, Tensor t) throws IOException {
        g.writeStartArray();
        for (int i = 0; i < t.size(); i++) {
            if (t.isMissing(i)) {
                g.writeNull();
                continue;
            }
            switch (t.datatype()) {
                case BYTES -> g.writeString(new String(t.element(i), StandardCharsets.UTF_8));
                case BOOL -> g.writeBoolean(t.number(i) != 0);
                case FP32 -> g.writeNumber(t.float32(i));
                case FP64 -> g.writeNumber(t.number(i));
                case UINT64 -> g.writeNumber(Long.toUnsignedString(t.int64(i)));
                default -> g.writeNumber(t.int64(i));
            }
        }
        g.writeEndArray();
    }

    private static void writeScalar(JsonGenerator g, Object value) throws IOException {
        if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Long n) {
            g.writeNumber(n);
        } else if (value instanceof Integer n) {
            g.writeNumber(n);
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else {
            g.writeString(String.valueOf(value));
        }
    }

    static byte[] metadata(ModelMetadata m) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("name", m.name());
            g.writeArrayFieldStart("versions");
            for (String v : m.versions()) {
                g.writeString(v);
            }
            g.writeEndArray();
            g.writeStringField("platform", m.platform());
            tensors(g, "inputs", m.inputs());
            tensors(g, "outputs", m.outputs());
            g.writeObjectFieldStart("properties");
            for (Map.Entry<String, String> e : m.properties().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static void tensors(JsonGenerator g, String field, List<TensorMetadata> tensors) throws IOException {
        g.writeArrayFieldStart(field);
        for (TensorMetadata t : tensors) {
            startTensor(
                    g,
                    t.name(),
                    t.datatype(),
                    t.shape().stream().mapToLong(Long::longValue).toArray());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static byte[] server(ServerMetadata m) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("name", m.name());
            g.writeStringField("version", m.version());
            g.writeArrayFieldStart("extensions");
            for (String e : m.extensions()) {
                g.writeString(e);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** {@code {"<field>": value}} plus, when given, {@code "name"}. */
    static byte[] flag(String name, String field, boolean value) {
        return write(g -> {
            g.writeStartObject();
            if (name != null) {
                g.writeStringField("name", name);
            }
            g.writeBooleanField(field, value);
            g.writeEndObject();
        });
    }

    static byte[] error(String message) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
        });
    }

    /** Writes one JSON document. */
    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
