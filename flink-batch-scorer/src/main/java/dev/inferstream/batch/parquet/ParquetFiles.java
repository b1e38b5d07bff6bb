/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.parquet;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Parquet files on any Flink file system (local, S3, HDFS, …), without Hadoop: parquet-java reads and writes through
 * these adapters, with {@link ParquetCodecs} for compression and a plain (Hadoop-free) configuration.
 */
public final class ParquetFiles {
    private ParquetFiles() {}

    /** The configuration every reader and writer gets: no Hadoop {@code Configuration}. */
    public static PlainParquetConfiguration configuration() {
        return new PlainParquetConfiguration();
    }

    /** Row groups are written when about this large (and when a part file is finished). */
    public static final long ROW_GROUP_BYTES = 32L << 20;

    /** A snappy-compressed Parquet writer of Avro records of {@code schema}, with {@code metadata} in the footer. */
    public static ParquetWriter<GenericRecord> writer(
            OutputFile out, Schema schema, long rowGroupBytes, Map<String, String> metadata) throws IOException {
        return AvroParquetWriter.<GenericRecord>builder(out)
                .withDataModel(GenericData.get())
                .withSchema(schema)
                .withConf(configuration())
                .withCodecFactory(ParquetCodecs.INSTANCE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(rowGroupBytes)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withExtraMetaData(metadata)
                .build();
    }

    /** A file to read. */
    public static InputFile input(Path path, long length) {
        return new InputFile() {
            @Override
            public long getLength() {
                return length;
            }

            @Override
            public SeekableInputStream newStream() throws IOException {
                FileSystem fs = path.getFileSystem();
                FSDataInputStream in = fs.open(path);
                return new DelegatingSeekableInputStream(in) {
                    @Override
                    public long getPos() throws IOException {
                        return in.getPos();
                    }

                    @Override
                    public void seek(long newPos) throws IOException {
                        in.seek(newPos);
                    }
                };
            }
        };
    }

    /** A part file a Flink sink opened: Parquet writes into it and never closes it (the sink does). */
    public static OutputFile output(FSDataOutputStream out) {
        PositionOutputStream stream = new PositionOutputStream() {
            @Override
            public long getPos() throws IOException {
                return out.getPos();
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
        return writingTo(stream);
    }

    /** A local file to write (tests and benchmarks). */
    public static OutputFile output(OutputStream out) {
        long[] pos = {0};
        PositionOutputStream stream = new PositionOutputStream() {
            @Override
            public long getPos() {
                return pos[0];
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                pos[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                pos[0] += len;
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
        return writingTo(stream);
    }

    /** An output file that writes to an already open stream (Parquet asks for it once). */
    private static OutputFile writingTo(PositionOutputStream stream) {
        return new OutputFile() {
            @Override
            public PositionOutputStream create(long blockSizeHint) {
                return stream;
            }

            @Override
            public PositionOutputStream createOrOverwrite(long blockSizeHint) {
                return stream;
            }

            @Override
            public boolean supportsBlockSize() {
                return false;
            }

            @Override
            public long defaultBlockSize() {
                return 0;
            }
        };
    }
}
