/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.feedback;

import dev.inferstream.schemas.QualityStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/** Plain Avro binary for quality statistics in a state store (the store is private: no registry needed). */
final class StatsCodec {
    private static final SpecificDatumWriter<QualityStats> WRITER = new SpecificDatumWriter<>(QualityStats.class);
    private static final SpecificDatumReader<QualityStats> READER = new SpecificDatumReader<>(QualityStats.class);

    private StatsCodec() {}

    static byte[] encode(QualityStats stats) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            WRITER.write(stats, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static QualityStats decode(byte[] bytes) {
        try {
            return READER.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
