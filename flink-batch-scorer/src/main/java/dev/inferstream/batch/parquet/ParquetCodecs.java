/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.parquet;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Parquet page compression without Hadoop's codec classes: SNAPPY (snappy-java), ZSTD (zstd-jni), GZIP (the JDK)
 * and UNCOMPRESSED. Parquet's own codec factory goes through Hadoop's {@code Configuration}, which would add Hadoop
 * to the job jar. Other codecs (LZ4, BROTLI, LZO) are refused with the codecs that work.
 */
public final class ParquetCodecs implements CompressionCodecFactory {
    public static final ParquetCodecs INSTANCE = new ParquetCodecs();

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        check(codec);
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                byte[] in = bytes.toByteArray();
                return BytesInput.from(
                        switch (codec) {
                            case SNAPPY -> Snappy.compress(in);
                            case ZSTD -> Zstd.compress(in, 3);
                            case GZIP -> gzip(in);
                            default -> in;
                        });
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {}
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        check(codec);
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                if (codec == CompressionCodecName.SNAPPY) {
                    // straight from the column chunk's buffer: a page-sized copy per page is a large allocation
                    ByteBuffer in = bytes.toByteBuffer();
                    if (in.hasArray()) {
                        byte[] out = new byte[uncompressedSize];
                        Snappy.uncompress(in.array(), in.arrayOffset() + in.position(), in.remaining(), out, 0);
                        return BytesInput.from(out);
                    }
                }
                return BytesInput.from(decompressed(bytes.toByteArray(), uncompressedSize));
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                    throws IOException {
                byte[] in = new byte[compressedSize];
                input.get(in);
                output.put(decompressed(in, uncompressedSize));
            }

            private byte[] decompressed(byte[] in, int uncompressedSize) throws IOException {
                return switch (codec) {
                    case SNAPPY -> {
                        byte[] out = new byte[uncompressedSize];
                        Snappy.uncompress(in, 0, in.length, out, 0);
                        yield out;
                    }
                    case ZSTD -> Zstd.decompress(in, uncompressedSize);
                    case GZIP -> gunzip(in, uncompressedSize);
                    default -> in;
                };
            }

            @Override
            public void release() {}
        };
    }

    @Override
    public void release() {}

    private static void check(CompressionCodecName codec) {
        switch (codec) {
            case UNCOMPRESSED, SNAPPY, ZSTD, GZIP -> {}
            default ->
                throw new UnsupportedOperationException("Parquet compression " + codec + " is not supported: "
                        + "write the files with SNAPPY, ZSTD, GZIP or UNCOMPRESSED");
        }
    }

    private static byte[] gzip(byte[] in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 2 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(in);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] in, int size) throws IOException {
        try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(in))) {
            return gz.readNBytes(size);
        }
    }
}
