/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.io;

import java.io.Flushable;
import java.io.IOException;
import org.apache.flink.api.common.serialization.BulkWriter;

/**
 * A {@link BulkWriter} over an encoder that buffers (an Avro container, a CSV printer): {@code flush()} and
 * {@code finish()} both flush the encoder into the part file's stream, which Flink closes itself.
 */
abstract class FlushingBulkWriter<T> implements BulkWriter<T> {
    private final Flushable encoder;

    FlushingBulkWriter(Flushable encoder) {
        this.encoder = encoder;
    }

    @Override
    public void flush() throws IOException {
        encoder.flush();
    }

    @Override
    public void finish() throws IOException {
        encoder.flush();
    }
}
