/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inferstream.schemas.ClassProbability;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.SourceRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/** The stored format of a prediction waiting for feedback, and what it costs next to the whole prediction. */
class WaitingPredictionTest {
    private static final int WIRE_HEADER = 5;

    @Test
    void roundTripsWhatQualityIsComputedFrom() {
        WaitingPrediction w = WaitingPrediction.of(binary());

        WaitingPrediction read = WaitingPrediction.fromBytes(w.toBytes());

        assertThat(read).isEqualTo(w);
        Prediction p = read.toPrediction("fraud");
        assertThat(p.getVersion()).isEqualTo(300);
        assertThat(p.getArm()).isEqualTo("canary");
        assertThat(p.getScore()).isEqualTo(0.8125);
        assertThat(p.getLabel()).isEqualTo("fraud");
        assertThat(p.getProbabilities())
                .containsExactly(new ClassProbability("legit", 0.1875), new ClassProbability("fraud", 0.8125));
    }

    @Test
    void roundTripsAValueWithoutScoreLabelOrProbabilities() {
        WaitingPrediction w = new WaitingPrediction(1, "ab:b", null, null, List.of());

        assertThat(WaitingPrediction.fromBytes(w.toBytes())).isEqualTo(w);
    }

    @Test
    void refusesAFormatItDoesNotKnow() {
        byte[] bytes = WaitingPrediction.of(binary()).toBytes();
        bytes[0] = 7;

        assertThatThrownBy(() -> WaitingPrediction.fromBytes(bytes)).hasMessageContaining("format 7");
    }

    /** The figures README's "Feedback and quality" states for a binary classifier. */
    @Test
    void keepsAQuarterOfTheWholePredictionForABinaryClassifier() throws IOException {
        Prediction p = binary();
        int projection = WaitingPrediction.of(p).toBytes().length;
        int whole = WIRE_HEADER + avroSize(p);

        assertThat(projection).isEqualTo(58);
        assertThat(whole).isEqualTo(244);
    }

    static Prediction binary() {
        return Prediction.newBuilder()
                .setPredictionId("3f2a9c0d4b5e6f708192a3b4c5d6e7f8")
                .setKey("card-000123")
                .setModel("fraud")
                .setVersion(300)
                .setSha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .setArm("canary")
                .setScore(0.8125)
                .setLabel("fraud")
                .setProbabilities(List.of(new ClassProbability("legit", 0.1875), new ClassProbability("fraud", 0.8125)))
                .setSource(new SourceRecord("kafka", "card-transactions", 3, 123_456_789L))
                .setInputSchemaId(17)
                .setEventTime(Instant.parse("2026-01-01T00:00:00Z"))
                .setScoredAt(Instant.parse("2026-01-01T00:00:00.004Z"))
                .setLatencyMicros(1_850)
                .setScorer("scorer-7f9c-12345")
                .build();
    }

    private static int avroSize(Prediction p) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(Prediction.class).write(p, encoder);
        encoder.flush();
        return out.size();
    }
}
