/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

import java.io.IOException;
import org.apache.avro.file.SeekableInput;
import org.apache.flink.core.fs.FSDataInputStream;

/** A file of any Flink file system as Avro's {@link SeekableInput}. */
final class SeekableFile implements SeekableInput {
    private final FSDataInputStream in;
    private final long length;

    SeekableFile(FSDataInputStream in, long length) {
        this.in = in;
        this.length = length;
    }

    @Override
    public void seek(long p) throws IOException {
        in.seek(p);
    }

    @Override
    public long tell() throws IOException {
        return in.getPos();
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return in.read(b, off, len);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
