/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inferstream.schemas.Attribution;
import dev.inferstream.schemas.ClassProbability;
import dev.inferstream.schemas.Explanation;
import dev.inferstream.schemas.ModelOutput;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.SourceRecord;
import dev.inferstream.schemas.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class PredictionDatumWriterTest {
    /** Text of every kind: empty, ASCII, accents, CJK, emoji (surrogate pairs), a lone surrogate. */
    private static final String[] TEXT = {
        "", "fraud", "stable", "ab:b", "classé", "欺诈", "score 🚀 high", "lone \uD83D surrogate", "x".repeat(300)
    };

    @Test
    void envelopesOfEveryShapeEncodeToTheSameBytesAsAvrosSpecificWriter() throws IOException {
        Random random = new Random(17);
        List<Prediction> predictions = new ArrayList<>();
        String sha = "ab".repeat(32);
        String file = "file:/data/in/part-0001.avro";
        for (int i = 0; i < 3_000; i++) {
            if (i % 500 == 0) {
                // strings that repeat change now and then, as when a job moves to the next file or version
                sha = Integer.toHexString(i).repeat(8);
                file = "file:/data/in/part-" + i + "-" + text(random) + ".avro";
            }
            predictions.add(prediction(random, sha, file));
        }

        assertThat(encode(new PredictionDatumWriter(), predictions))
                .isEqualTo(encode(new SpecificDatumWriter<>(Prediction.class), predictions));
    }

    @Test
    void theWriterIsWrittenForTheEnvelopeSchemaAsItIs() {
        assertThat(PredictionDatumWriter.fingerprint(Prediction.getClassSchema()))
                .as("Prediction.avsc changed: update PredictionDatumWriter and its SCHEMA_FINGERPRINT")
                .isEqualTo(PredictionDatumWriter.SCHEMA_FINGERPRINT);
    }

    @Test
    void anotherSchemaIsRefused() {
        assertThatThrownBy(() -> new PredictionDatumWriter().setSchema(Schema.create(Schema.Type.STRING)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Prediction");
    }

    @Test
    void aNullInAFieldThatAllowsNoneIsNamed() {
        Prediction p = prediction(new Random(1), "ab".repeat(32), "f.avro");
        p.setArm(null);
        BinaryEncoder out = EncoderFactory.get().binaryEncoder(new ByteArrayOutputStream(), null);
        assertThatThrownBy(() -> new PredictionDatumWriter().write(p, out))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("Prediction.arm");
    }

    private static byte[] encode(DatumWriter<Prediction> writer, List<Prediction> predictions) throws IOException {
        writer.setSchema(Prediction.getClassSchema());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder out = EncoderFactory.get().binaryEncoder(bytes, null);
        for (Prediction p : predictions) {
            writer.write(p, out);
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static Prediction prediction(Random random, String sha, String file) {
        return Prediction.newBuilder()
                .setPredictionId(Long.toHexString(random.nextLong()).repeat(4))
                .setKey(random.nextInt(4) == 0 ? null : text(random))
                .setModel("fraud")
                .setVersion(random.nextInt(1_000))
                .setSha256(sha)
                .setArm(random.nextBoolean() ? "stable" : text(random))
                .setScore(random.nextInt(4) == 0 ? null : random.nextGaussian())
                .setLabel(random.nextInt(3) == 0 ? null : text(random))
                .setProbabilities(probabilities(random))
                .setTensors(tensors(random))
                .setMembers(members(random))
                .setSource(new SourceRecord(
                        random.nextBoolean() ? "file" : "kafka",
                        file,
                        random.nextInt(64) - 1,
                        random.nextLong() >>> random.nextInt(64)))
                .setInputSchemaId(random.nextBoolean() ? null : random.nextInt())
                .setEventTime(Instant.ofEpochMilli(random.nextLong() >> 20))
                .setScoredAt(Instant.ofEpochMilli(1_780_000_000_000L + random.nextInt(1_000_000)))
                .setLatencyMicros(random.nextInt(100_000))
                .setScorer("batch-" + random.nextInt(3))
                .setExplanation(random.nextInt(3) == 0 ? explanation(random) : null)
                .build();
    }

    private static List<ClassProbability> probabilities(Random random) {
        List<ClassProbability> out = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            out.add(new ClassProbability(text(random), random.nextDouble()));
        }
        return out;
    }

    private static List<Tensor> tensors(Random random) {
        List<Tensor> out = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            List<Long> shape = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (int d = random.nextInt(3); d > 0; d--) {
                shape.add((long) random.nextInt(1 << 20));
            }
            for (int v = random.nextInt(6); v > 0; v--) {
                values.add(random.nextInt(10) == 0 ? Double.NaN : random.nextGaussian() * 1e6);
            }
            out.add(new Tensor(text(random), shape, values));
        }
        return out;
    }

    private static List<ModelOutput> members(Random random) {
        List<ModelOutput> out = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            out.add(ModelOutput.newBuilder()
                    .setModel(text(random))
                    .setVersion(random.nextInt(50))
                    .setSha256("cd".repeat(32))
                    .setScore(random.nextBoolean() ? null : random.nextDouble())
                    .setLabel(random.nextBoolean() ? null : text(random))
                    .setProbabilities(probabilities(random))
                    .setTensors(tensors(random))
                    .setRole(random.nextBoolean() ? "member" : "cascade:1")
                    .setLatencyMicros(random.nextLong())
                    .build());
        }
        return out;
    }

    private static Explanation explanation(Random random) {
        List<Attribution> attributions = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            attributions.add(new Attribution(text(random), random.nextGaussian()));
        }
        return new Explanation(
                "linear",
                random.nextBoolean() ? "logit" : "probability",
                text(random),
                random.nextGaussian(),
                random.nextGaussian(),
                attributions,
                random.nextDouble());
    }

    private static String text(Random random) {
        return TEXT[random.nextInt(TEXT.length)];
    }
}
