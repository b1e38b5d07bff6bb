/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.serde;

import dev.inferstream.schemas.registry.RegistryException;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Decodes Confluent-framed Avro payloads, resolving each writer schema (fetched once by id) against a reader
 * schema. One datum reader is cached per writer schema id; decoders are reused per thread. Thread-safe.
 *
 * <pre>{@code
 * AvroReader<GenericRecord> reader = AvroReader.generic(registry, readerSchema);
 * GenericRecord event = reader.read(bytes);
 * }</pre>
 *
 * @param <T> what a payload decodes to
 */
public final class AvroReader<T> {
    private final SchemaRegistryClient registry;
    private final Schema readerSchema;
    private final GenericData model;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

    private AvroReader(SchemaRegistryClient registry, Schema readerSchema, GenericData model) {
        this.registry = registry;
        this.readerSchema = readerSchema;
        this.model = model;
    }

    /** Reads records as their writer wrote them (no projection). */
    public static <T> AvroReader<T> generic(SchemaRegistryClient registry) {
        return new AvroReader<>(registry, null, GenericData.get());
    }

    /** Reads records projected onto {@code readerSchema}, the schema the application expects. */
    public static <T> AvroReader<T> generic(SchemaRegistryClient registry, Schema readerSchema) {
        return new AvroReader<>(registry, readerSchema, GenericData.get());
    }

    /** Reads records into a generated class, projected onto that class's schema. */
    public static <T extends SpecificRecord> AvroReader<T> specific(SchemaRegistryClient registry, Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        return new AvroReader<>(registry, model.getSchema(type), model);
    }

    /** Decodes {@code payload}; null stays null. */
    public T read(byte[] payload) {
        if (payload == null) {
            return null;
        }
        int id = WireFormat.schemaId(payload);
        return decode(payload, id, readers.computeIfAbsent(id, this::createReader));
    }

    /**
     * Decodes only {@code projection}'s fields of {@code payload} (the writer's other fields are skipped); null stays
     * null. For readers made by {@link #generic(SchemaRegistryClient)}, which read records as their writer wrote them.
     */
    public T read(byte[] payload, Projection projection) {
        if (readerSchema != null) {
            throw new IllegalStateException(
                    "this reader projects onto " + readerSchema.getFullName() + ": read(payload) applies it");
        }
        if (payload == null) {
            return null;
        }
        int id = WireFormat.schemaId(payload);
        @SuppressWarnings("unchecked")
        DatumReader<T> reader = (DatumReader<T>) projection.readers().computeIfAbsent(id, i -> {
            Schema writer = writerSchema(i);
            return model.createDatumReader(writer, projection.of(writer));
        });
        return decode(payload, id, reader);
    }

    private T decode(byte[] payload, int id, DatumReader<T> reader) {
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(
                        payload, WireFormat.HEADER_SIZE, payload.length - WireFormat.HEADER_SIZE, decoders.get());
        decoders.set(decoder);
        T datum;
        try {
            datum = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new AvroSerdeException(
                        AvroSerdeException.Reason.MALFORMED_AVRO,
                        "payload with schema id " + id
                                + " has bytes left after the record: it was not written with that schema",
                        null);
            }
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new AvroSerdeException(
                    AvroSerdeException.Reason.MALFORMED_AVRO,
                    "payload does not decode with its writer schema id " + id + ": " + e,
                    e);
        }
        return datum;
    }

    /** The schema records are read into, or null when each record keeps its writer schema. */
    public Schema readerSchema() {
        return readerSchema;
    }

    /** The writer schema of {@code id}; failures are not cached: a lagging registry replica may learn it later. */
    private Schema writerSchema(int id) {
        try {
            return registry.schemaById(id);
        } catch (RegistryException.Unavailable e) {
            throw new AvroSerdeException(AvroSerdeException.Reason.REGISTRY_UNAVAILABLE, e.getMessage(), e);
        } catch (RegistryException e) {
            throw new AvroSerdeException(
                    AvroSerdeException.Reason.UNKNOWN_SCHEMA_ID,
                    "schema id " + id + " is not in the registry: " + e.getMessage(),
                    e);
        }
    }

    private DatumReader<T> createReader(int id) {
        Schema writer = writerSchema(id);
        Schema reader = readerSchema == null ? writer : readerSchema;
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return failing(
                    AvroSerdeException.Reason.SCHEMA_MISMATCH,
                    "writer schema id " + id + " ("
                            + writer.getFullName() + ") cannot be read as " + reader.getFullName() + ": "
                            + compatibility.getResult().getIncompatibilities().stream()
                                    .map(i -> i.getType() + " at " + i.getLocation() + " " + i.getMessage())
                                    .toList());
        }
        @SuppressWarnings("unchecked")
        DatumReader<T> datumReader = (DatumReader<T>) model.createDatumReader(writer, reader);
        return datumReader;
    }

    /** Cached in place of a reader so that every payload with that id fails fast with the same reason. */
    private DatumReader<T> failing(AvroSerdeException.Reason reason, String message) {
        return new DatumReader<>() {
            @Override
            public void setSchema(Schema schema) {}

            @Override
            public T read(T reuse, Decoder in) {
                throw new AvroSerdeException(reason, message, null);
            }
        };
    }
}
