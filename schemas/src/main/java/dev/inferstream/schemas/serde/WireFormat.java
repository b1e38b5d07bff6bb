/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format: one magic byte {@code 0}, the writer schema's registry id as a 4-byte big-endian
 * int, then the Avro binary encoding of the datum.
 */
public final class WireFormat {
    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {}

    /** The writer schema id of a framed payload. */
    public static int schemaId(byte[] payload) {
        if (payload == null) {
            throw new AvroSerdeException(AvroSerdeException.Reason.NULL_PAYLOAD, "payload is null", null);
        }
        if (payload.length == 0) {
            throw new AvroSerdeException(AvroSerdeException.Reason.TRUNCATED, "payload is empty", null);
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new AvroSerdeException(
                    AvroSerdeException.Reason.BAD_MAGIC_BYTE,
                    String.format(
                            "first byte is 0x%02x, not the magic byte 0x00: the payload was not written in the Confluent "
                                    + "wire format",
                            payload[0]),
                    null);
        }
        if (payload.length < HEADER_SIZE) {
            throw new AvroSerdeException(
                    AvroSerdeException.Reason.TRUNCATED,
                    "payload has " + payload.length + " bytes, fewer than the 5-byte header",
                    null);
        }
        return ByteBuffer.wrap(payload, 1, 4).getInt();
    }

    /** Writes the 5-byte header into {@code target}. */
    static void writeHeader(int schemaId, byte[] target) {
        target[0] = MAGIC_BYTE;
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }
}
