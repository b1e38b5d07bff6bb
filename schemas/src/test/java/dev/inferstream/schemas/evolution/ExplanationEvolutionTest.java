/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.schemas.Attribution;
import dev.inferstream.schemas.Audit;
import dev.inferstream.schemas.Explanation;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.SourceRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/** Adding the optional explanation to Prediction and Audit is compatible both ways: old and new readers coexist. */
class ExplanationEvolutionTest {

    @Test
    void predictionAndAuditWithTheExplanationAreFullyCompatibleWithTheirPreviousSchemas() {
        for (Schema current : List.of(Prediction.getClassSchema(), Audit.getClassSchema())) {
            Schema previous = ExplanationEvolution.previous(current);
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, previous)
                            .getType())
                    .as("new readers read what old writers wrote")
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(previous, current)
                            .getType())
                    .as("old readers read what new writers write")
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @Test
    void anOldPredictionReadsWithoutAnExplanationAndAnOldReaderSkipsOne() throws IOException {
        Schema previous = ExplanationEvolution.previous(Prediction.getClassSchema());
        Prediction explained = prediction();
        explained.setExplanation(new Explanation(
                "TREE_SHAP", "LOG_ODDS", "fraud", -1.5, 0.75, List.of(new Attribution("amount", 2.0)), 0.25));

        GenericRecord asOld = read(write(explained), Prediction.getClassSchema(), previous);
        Prediction fromOld = readSpecific(writeGeneric(asOld, previous), previous);

        assertThat(asOld.getSchema().getField("explanation")).isNull();
        assertThat(asOld.get("predictionId").toString()).isEqualTo("p-1");
        assertThat(fromOld.getExplanation()).isNull();
        assertThat(fromOld.getPredictionId()).isEqualTo("p-1");
    }

    private static Prediction prediction() {
        return Prediction.newBuilder()
                .setPredictionId("p-1")
                .setModel("fraud")
                .setVersion(3)
                .setSha256("abc")
                .setArm("stable")
                .setSource(new SourceRecord("events", "0", 0, 42L))
                .setEventTime(Instant.ofEpochMilli(1_000))
                .setScoredAt(Instant.ofEpochMilli(2_000))
                .setLatencyMicros(5)
                .build();
    }

    private static byte[] write(Prediction prediction) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(Prediction.class).write(prediction, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] writeGeneric(GenericRecord record, Schema schema) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema, GenericData.get()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static GenericRecord read(byte[] bytes, Schema writer, Schema reader) throws IOException {
        return new GenericDatumReader<GenericRecord>(writer, reader)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }

    private static Prediction readSpecific(byte[] bytes, Schema writer) throws IOException {
        return new SpecificDatumReader<Prediction>(writer, Prediction.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }
}
