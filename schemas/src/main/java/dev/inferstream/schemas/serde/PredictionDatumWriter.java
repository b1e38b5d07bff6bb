/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.serde;

import dev.inferstream.schemas.ClassProbability;
import dev.inferstream.schemas.Explanation;
import dev.inferstream.schemas.ModelOutput;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.SourceRecord;
import dev.inferstream.schemas.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;

/**
 * Writes {@link Prediction} envelopes in Avro's binary encoding, the same bytes as {@code SpecificDatumWriter}, field by
 * field with no schema walk or union resolution per value. Strings that repeat from one envelope to the next (model,
 * digest, arm, scorer, source) are encoded to UTF-8 once. One instance per writer thread.
 */
public final class PredictionDatumWriter implements DatumWriter<Prediction> {
    /** The fingerprint of the schema this writer encodes (its full JSON): a changed envelope must change the writer. */
    static final long SCHEMA_FINGERPRINT = -6444537846025255925L;

    private final Text model = new Text();
    private final Text sha256 = new Text();
    private final Text arm = new Text();
    private final Text scorer = new Text();
    private final Text system = new Text();
    private final Text source = new Text();

    /** @throws IllegalStateException if the envelope schema is not the one this writer was written for */
    public PredictionDatumWriter() {
        long fingerprint = fingerprint(Prediction.getClassSchema());
        if (fingerprint != SCHEMA_FINGERPRINT) {
            throw new IllegalStateException("the Prediction schema changed (fingerprint " + fingerprint
                    + "): update PredictionDatumWriter to its fields and SCHEMA_FINGERPRINT");
        }
    }

    static long fingerprint(Schema schema) {
        return SchemaNormalization.fingerprint64(schema.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void setSchema(Schema schema) {
        if (!Prediction.getClassSchema().equals(schema)) {
            throw new IllegalArgumentException("PredictionDatumWriter writes "
                    + Prediction.getClassSchema().getFullName() + " with its own schema, not " + schema.getFullName());
        }
    }

    /** @throws IllegalArgumentException unless {@code out} is a binary encoder (as a container file's is) */
    @Override
    public void write(Prediction p, Encoder out) throws IOException {
        if (!(out instanceof BinaryEncoder)) {
            throw new IllegalArgumentException("PredictionDatumWriter writes the binary encoding only, not to "
                    + out.getClass().getSimpleName());
        }
        string(out, p.getPredictionId(), "predictionId");
        nullableString(out, p.getKey());
        model.write(out, p.getModel(), "model");
        out.writeInt(p.getVersion());
        sha256.write(out, p.getSha256(), "sha256");
        arm.write(out, p.getArm(), "arm");
        nullableDouble(out, p.getScore());
        nullableString(out, p.getLabel());
        probabilities(out, p.getProbabilities());
        tensors(out, p.getTensors());
        members(out, p.getMembers());
        SourceRecord s = required(p.getSource(), "source");
        system.write(out, s.getSystem(), "source.system");
        source.write(out, s.getName(), "source.name");
        out.writeInt(s.getPartition());
        out.writeLong(s.getOffset());
        if (p.getInputSchemaId() == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            out.writeInt(p.getInputSchemaId());
        }
        out.writeLong(required(p.getEventTime(), "eventTime").toEpochMilli());
        out.writeLong(required(p.getScoredAt(), "scoredAt").toEpochMilli());
        out.writeLong(p.getLatencyMicros());
        scorer.write(out, p.getScorer(), "scorer");
        explanation(out, p.getExplanation());
    }

    private static void probabilities(Encoder out, List<ClassProbability> probabilities) throws IOException {
        array(out, probabilities, "probabilities", c -> {
            string(out, c.getLabel(), "probabilities.label");
            out.writeDouble(c.getProbability());
        });
    }

    private static void tensors(Encoder out, List<Tensor> tensors) throws IOException {
        array(out, tensors, "tensors", t -> {
            string(out, t.getName(), "tensors.name");
            array(out, t.getShape(), "tensors.shape", out::writeLong);
            array(out, t.getValues(), "tensors.values", out::writeDouble);
        });
    }

    private static void members(Encoder out, List<ModelOutput> members) throws IOException {
        array(out, members, "members", m -> {
            string(out, m.getModel(), "members.model");
            out.writeInt(m.getVersion());
            string(out, m.getSha256(), "members.sha256");
            nullableDouble(out, m.getScore());
            nullableString(out, m.getLabel());
            probabilities(out, m.getProbabilities());
            tensors(out, m.getTensors());
            string(out, m.getRole(), "members.role");
            out.writeLong(m.getLatencyMicros());
        });
    }

    private static void explanation(Encoder out, Explanation e) throws IOException {
        if (e == null) {
            out.writeIndex(0);
            return;
        }
        out.writeIndex(1);
        string(out, e.getMethod(), "explanation.method");
        string(out, e.getSpace(), "explanation.space");
        string(out, e.getTarget(), "explanation.target");
        out.writeDouble(e.getBaseValue());
        out.writeDouble(e.getValue());
        array(out, e.getAttributions(), "explanation.attributions", a -> {
            string(out, a.getField(), "explanation.attributions.field");
            out.writeDouble(a.getValue());
        });
        out.writeDouble(e.getOtherFields());
    }

    /** Writes one item of an array. */
    private interface Item<T> {
        void write(T item) throws IOException;
    }

    /** An array in the binary encoding: its items in one block, then the end marker. */
    private static <T> void array(Encoder out, List<T> items, String field, Item<T> item) throws IOException {
        required(items, field);
        out.writeArrayStart();
        out.setItemCount(items.size());
        for (T value : items) {
            out.startItem();
            item.write(value);
        }
        out.writeArrayEnd();
    }

    private static void nullableString(Encoder out, String value) throws IOException {
        if (value == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            utf8(out, value);
        }
    }

    private static void nullableDouble(Encoder out, Double value) throws IOException {
        if (value == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            out.writeDouble(value);
        }
    }

    private static void string(Encoder out, String value, String field) throws IOException {
        utf8(out, required(value, field));
    }

    /** A string in the binary encoding: its UTF-8 length, then its bytes (what {@code Encoder.writeString} writes). */
    private static void utf8(Encoder out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(bytes, 0, bytes.length);
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new NullPointerException("Prediction." + field + " is null but its schema does not allow null");
        }
        return value;
    }

    /** A string field whose value mostly repeats: its UTF-8 bytes are kept while the same string comes again. */
    private static final class Text {
        private String last;
        private byte[] bytes;

        void write(Encoder out, String value, String field) throws IOException {
            if (value != last || value == null) {
                bytes = required(value, field).getBytes(StandardCharsets.UTF_8);
                last = value;
            }
            out.writeBytes(bytes, 0, bytes.length);
        }
    }
}
