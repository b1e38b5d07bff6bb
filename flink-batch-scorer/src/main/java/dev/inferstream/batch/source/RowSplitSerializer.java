/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** The checkpointed form of a {@link RowSplit} (enumerator and reader state). */
public final class RowSplitSerializer implements SimpleVersionedSerializer<RowSplit> {
    public static final RowSplitSerializer INSTANCE = new RowSplitSerializer();
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(RowSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(split.splitId());
            out.writeUTF(split.path().toString());
            out.writeLong(split.offset());
            out.writeLong(split.length());
            out.writeLong(split.fileModificationTime());
            out.writeLong(split.fileSize());
            out.writeLong(split.firstRow());
            out.writeLong(split.rows());
            out.writeInt(split.firstBlock());
            out.writeInt(split.blocks());
            out.writeLong(split.rowsDone());
        }
        return bytes.toByteArray();
    }

    @Override
    public RowSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown row split version " + version + " (this job reads version " + VERSION
                    + "): restore the job with the scorer version that took the checkpoint");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            String id = in.readUTF();
            Path path = new Path(in.readUTF());
            long offset = in.readLong();
            long length = in.readLong();
            long modified = in.readLong();
            long size = in.readLong();
            long firstRow = in.readLong();
            long rows = in.readLong();
            int firstBlock = in.readInt();
            int blocks = in.readInt();
            long done = in.readLong();
            return new RowSplit(
                    id,
                    path,
                    offset,
                    length,
                    modified,
                    size,
                    firstRow,
                    rows,
                    firstBlock,
                    blocks,
                    done == 0 ? null : new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, done));
        }
    }
}
