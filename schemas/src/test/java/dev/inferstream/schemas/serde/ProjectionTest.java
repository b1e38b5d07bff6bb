/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class ProjectionTest {
    private static final Schema DEVICE =
            SchemaBuilder.record("Device").fields().requiredString("os").endRecord();
    private static final Schema WRITER = SchemaBuilder.record("Event")
            .namespace("test.projection")
            .fields()
            .requiredString("id")
            .requiredDouble("amount")
            .name("tags")
            .type()
            .array()
            .items()
            .stringType()
            .noDefault()
            .name("device")
            .type(DEVICE)
            .noDefault()
            .name("kind")
            .type()
            .enumeration("Kind")
            .symbols("A", "B")
            .noDefault()
            .optionalLong("hour")
            .requiredString("note")
            .endRecord();

    @Test
    void decodesOnlyTheNamedFieldsInTheWritersOrderAndConsumesTheWholeRecord() throws IOException {
        Projection projection = Projection.of(Set.of("device", "amount", "absent"));
        Schema projected = projection.of(WRITER);

        assertThat(projected.getFullName()).isEqualTo(WRITER.getFullName());
        assertThat(projected.getFields()).extracting(Schema.Field::name).containsExactly("amount", "device");
        assertThat(projected.getField("device").schema()).isEqualTo(DEVICE);

        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(encoded(), null);
        GenericRecord read = new GenericDatumReader<GenericRecord>(WRITER, projected).read(null, decoder);
        assertThat(decoder.isEnd()).isTrue();
        assertThat(read.get("amount")).isEqualTo(12.5);
        assertThat(read.get("device").toString()).isEqualTo("{\"os\": \"linux\"}");
        assertThat(read.getSchema().getField("id")).isNull();
        assertThat(read.getSchema().getField("absent")).isNull();
    }

    @Test
    void keepsTheWriterWhenNothingIsLeftOutOrItIsNotARecord() {
        Projection everything = Projection.of(Set.of("id", "amount", "tags", "device", "kind", "hour", "note", "more"));

        assertThat(everything.of(WRITER)).isSameAs(WRITER);
        Schema string = Schema.create(Schema.Type.STRING);
        assertThat(everything.of(string)).isSameAs(string);
    }

    @Test
    void aPayloadCutShortInAFieldLeftOutStillFails() throws IOException {
        Schema projected = Projection.of(Set.of("amount")).of(WRITER);
        byte[] bytes = encoded();
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 3); // inside "note", left out

        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(cut, null);
        assertThatThrownBy(() -> new GenericDatumReader<GenericRecord>(WRITER, projected).read(null, decoder))
                .isInstanceOf(EOFException.class);
    }

    private static byte[] encoded() throws IOException {
        GenericRecord device = new GenericData.Record(DEVICE);
        device.put("os", "linux");
        GenericRecord event = new GenericData.Record(WRITER);
        event.put("id", "e-1");
        event.put("amount", 12.5);
        event.put("tags", List.of("x", "y"));
        event.put("device", device);
        event.put("kind", new GenericData.EnumSymbol(WRITER.getField("kind").schema(), "B"));
        event.put("hour", 1_234_567_890_123L);
        event.put("note", "a note nobody reads");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(WRITER).write(event, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
