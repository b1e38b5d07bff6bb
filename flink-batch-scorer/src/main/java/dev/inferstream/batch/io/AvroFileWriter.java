/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.io;

import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.serde.PredictionDatumWriter;
import java.io.IOException;
import java.io.Serializable;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;

/** Writes envelopes ({@code Prediction}, {@code DeadLetter}) into Avro container files, one per part file. */
public final class AvroFileWriter<T, R extends SpecificRecord> implements BulkWriter.Factory<T> {
    private static final long serialVersionUID = 1L;

    private final Class<R> type;
    private final SerializableFunction<T, R> extract;

    /** A function the job graph can ship to task managers. */
    public interface SerializableFunction<A, B> extends Function<A, B>, Serializable {}

    public AvroFileWriter(Class<R> type, SerializableFunction<T, R> extract) {
        this.type = type;
        this.extract = extract;
    }

    @Override
    public BulkWriter<T> create(FSDataOutputStream out) throws IOException {
        Schema schema = SpecificData.getForClass(type).getSchema(type);
        DataFileWriter<R> writer = new DataFileWriter<>(datumWriter(type));
        writer.setCodec(CodecFactory.snappyCodec());
        writer.create(schema, out);
        return new FlushingBulkWriter<>(writer) {
            @Override
            public void addElement(T element) throws IOException {
                writer.append(extract.apply(element));
            }
        };
    }

    /** Prediction envelopes through their own writer (the same bytes, a fraction of the work), others generically. */
    @SuppressWarnings("unchecked")
    private static <R extends SpecificRecord> DatumWriter<R> datumWriter(Class<R> type) {
        return type == Prediction.class
                ? (DatumWriter<R>) new PredictionDatumWriter()
                : new SpecificDatumWriter<>(type);
    }
}
