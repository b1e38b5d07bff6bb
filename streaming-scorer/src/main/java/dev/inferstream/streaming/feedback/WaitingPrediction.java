/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.feedback;

import dev.inferstream.schemas.ClassProbability;
import dev.inferstream.schemas.Prediction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the feedback join keeps of a prediction while it waits for its outcome: the version and arm it is judged
 * under, and the outputs quality is computed from (score, label, class probabilities). Everything else of the
 * {@code Prediction} (lineage, digests, tensors, members) stays on the prediction topic.
 */
record WaitingPrediction(int version, String arm, Double score, String label, List<ClassProbability> probabilities) {
    private static final byte FORMAT = 1;
    private static final int HAS_SCORE = 1;
    private static final int HAS_LABEL = 2;

    static WaitingPrediction of(Prediction p) {
        return new WaitingPrediction(p.getVersion(), p.getArm(), p.getScore(), p.getLabel(), p.getProbabilities());
    }

    /** A {@code Prediction} with the kept fields set, for the quality computations. */
    Prediction toPrediction(String model) {
        Prediction p = new Prediction();
        p.setModel(model);
        p.setVersion(version);
        p.setArm(arm);
        p.setScore(score);
        p.setLabel(label);
        p.setProbabilities(probabilities);
        return p;
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + 16 * probabilities.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            writeVarInt(out, version);
            out.writeUTF(arm);
            out.writeByte((score == null ? 0 : HAS_SCORE) | (label == null ? 0 : HAS_LABEL));
            if (score != null) {
                out.writeDouble(score);
            }
            if (label != null) {
                out.writeUTF(label);
            }
            writeVarInt(out, probabilities.size());
            for (ClassProbability c : probabilities) {
                out.writeUTF(c.getLabel());
                out.writeDouble(c.getProbability());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static WaitingPrediction fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException(
                        "waiting prediction has format " + format + "; this scorer reads " + FORMAT);
            }
            int version = readVarInt(in);
            String arm = in.readUTF();
            int flags = in.readByte();
            Double score = (flags & HAS_SCORE) != 0 ? in.readDouble() : null;
            String label = (flags & HAS_LABEL) != 0 ? in.readUTF() : null;
            int count = readVarInt(in);
            List<ClassProbability> probabilities = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                probabilities.add(new ClassProbability(in.readUTF(), in.readDouble()));
            }
            return new WaitingPrediction(version, arm, score, label, probabilities);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeVarInt(DataOutputStream out, int value) throws IOException {
        while ((value & ~0x7F) != 0) {
            out.writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    private static int readVarInt(DataInputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed variable-length integer");
    }
}
