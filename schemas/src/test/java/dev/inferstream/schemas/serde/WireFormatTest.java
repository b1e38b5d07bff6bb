/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void readsBigEndianSchemaIdAfterMagicByte() {
        byte[] payload = {0, 0x01, 0x02, 0x03, 0x04, 0x7f};
        assertThat(WireFormat.schemaId(payload)).isEqualTo(0x01020304);
    }

    @Test
    void writesMagicByteAndBigEndianId() {
        byte[] header = new byte[5];
        WireFormat.writeHeader(258, header);
        assertThat(header).containsExactly(0, 0, 0, 1, 2);
    }

    @Test
    void rejectsPayloadWithoutMagicByte() {
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {'{', '"', 'a', '"', ':'}))
                .isInstanceOfSatisfying(
                        AvroSerdeException.class,
                        e -> assertThat(e.reason()).isEqualTo(AvroSerdeException.Reason.BAD_MAGIC_BYTE))
                .hasMessageContaining("0x7b");
    }

    @Test
    void rejectsPayloadShorterThanHeader() {
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {0, 0, 1}))
                .isInstanceOfSatisfying(
                        AvroSerdeException.class,
                        e -> assertThat(e.reason()).isEqualTo(AvroSerdeException.Reason.TRUNCATED));
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[0]))
                .isInstanceOfSatisfying(
                        AvroSerdeException.class,
                        e -> assertThat(e.reason()).isEqualTo(AvroSerdeException.Reason.TRUNCATED));
    }
}
