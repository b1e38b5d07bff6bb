/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.serde;

import dev.inferstream.schemas.registry.RegistryException;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes Avro data in the Confluent wire format, registering (or looking up) the writer schema under a subject.
 * Schema ids and datum writers are cached; buffers are reused per thread. Thread-safe.
 */
public final class AvroWriter {
    private static final Schema STRING = Schema.create(Schema.Type.STRING);
    private static final Schema INT = Schema.create(Schema.Type.INT);
    private static final Schema LONG = Schema.create(Schema.Type.LONG);
    private static final Schema FLOAT = Schema.create(Schema.Type.FLOAT);
    private static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);
    private static final Schema BOOLEAN = Schema.create(Schema.Type.BOOLEAN);
    private static final Schema BYTES = Schema.create(Schema.Type.BYTES);

    private final SchemaRegistryClient registry;
    private final boolean autoRegister;
    private final Map<String, Map<Schema, Integer>> ids = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();
    private final ThreadLocal<Buffer> buffers = ThreadLocal.withInitial(Buffer::new);

    /**
     * @param autoRegister register unknown schemas (true) or only look them up (false, for registries where
     *     producers may not register)
     */
    public AvroWriter(SchemaRegistryClient registry, boolean autoRegister) {
        this.registry = registry;
        this.autoRegister = autoRegister;
    }

    /** The framed bytes of {@code datum}, or null for a null datum (a tombstone). */
    public byte[] write(String subject, Object datum) {
        if (datum == null) {
            return null;
        }
        Schema schema = schemaOf(datum);
        int id = schemaId(subject, schema);
        DatumWriter<Object> writer = writerFor(datum, schema);
        Buffer buffer = buffers.get();
        buffer.bytes.reset();
        buffer.bytes.write(new byte[WireFormat.HEADER_SIZE], 0, WireFormat.HEADER_SIZE);
        try {
            buffer.encoder = EncoderFactory.get().directBinaryEncoder(buffer.bytes, buffer.encoder);
            writer.write(datum, buffer.encoder);
            buffer.encoder.flush();
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            throw new AvroSerdeException(
                    AvroSerdeException.Reason.SCHEMA_MISMATCH,
                    "cannot write datum with schema " + schema.getFullName() + ": " + e.getMessage(),
                    e);
        }
        byte[] framed = buffer.bytes.toByteArray();
        WireFormat.writeHeader(id, framed);
        return framed;
    }

    /** The id of {@code schema} under {@code subject}, registered (or looked up) on first use and then cached. */
    int schemaId(String subject, Schema schema) {
        Map<Schema, Integer> subjectIds = ids.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer id = subjectIds.get(schema);
        if (id != null) {
            return id;
        }
        try {
            id = autoRegister ? registry.register(subject, schema) : registry.idOf(subject, schema);
        } catch (RegistryException.Unavailable e) {
            throw new AvroSerdeException(AvroSerdeException.Reason.REGISTRY_UNAVAILABLE, e.getMessage(), e);
        } catch (RegistryException e) {
            throw new AvroSerdeException(
                    AvroSerdeException.Reason.REGISTRATION_REFUSED,
                    "schema " + schema.getFullName() + " under subject " + subject + ": " + e.getMessage(),
                    e);
        }
        subjectIds.put(schema, id);
        return id;
    }

    private DatumWriter<Object> writerFor(Object datum, Schema schema) {
        if (datum instanceof SpecificRecord) {
            return specificWriters.computeIfAbsent(
                    schema, s -> SpecificData.getForClass(datum.getClass()).createDatumWriter(s));
        }
        return genericWriters.computeIfAbsent(schema, s -> GenericData.get().createDatumWriter(s));
    }

    static Schema schemaOf(Object datum) {
        if (datum instanceof GenericContainer container) {
            return container.getSchema();
        }
        if (datum instanceof CharSequence) {
            return STRING;
        }
        if (datum instanceof Integer) {
            return INT;
        }
        if (datum instanceof Long) {
            return LONG;
        }
        if (datum instanceof Float) {
            return FLOAT;
        }
        if (datum instanceof Double) {
            return DOUBLE;
        }
        if (datum instanceof Boolean) {
            return BOOLEAN;
        }
        if (datum instanceof byte[] || datum instanceof ByteBuffer) {
            return BYTES;
        }
        throw new AvroSerdeException(
                AvroSerdeException.Reason.UNSUPPORTED_TYPE,
                datum.getClass().getName() + " is neither an Avro record nor a primitive Avro can write",
                null);
    }

    private static final class Buffer {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        BinaryEncoder encoder;
    }
}
