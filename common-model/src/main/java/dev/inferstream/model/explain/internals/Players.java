/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals;

import dev.inferstream.model.features.FeatureEncoder;
import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.manifest.FieldPath;
import dev.inferstream.model.manifest.FieldSpec;
import dev.inferstream.model.manifest.InputSpec;
import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.model.manifest.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * The players of the Shapley game: the manifest's fields, each one player however many tensor slots it fills (a
 * one-hot field's slots, an array's elements). Maps slots to players and encodes records into slot values with the
 * model's own feature encoders.
 */
final class Players {
    private final List<FieldPath> fields;
    private final int[] playerOfPathId;
    private final FeatureEncoder[] encoders;
    private final int[][] slotPlayers;

    Players(ModelManifest manifest) {
        this.fields = manifest.fieldPaths();
        int maxId = fields.stream().mapToInt(FieldPath::id).max().orElse(0);
        this.playerOfPathId = new int[maxId + 1];
        Arrays.fill(playerOfPathId, -1);
        for (int p = 0; p < fields.size(); p++) {
            playerOfPathId[fields.get(p).id()] = p;
        }
        List<InputSpec> inputs = manifest.inputs();
        this.encoders = inputs.stream().map(FeatureEncoder::new).toArray(FeatureEncoder[]::new);
        this.slotPlayers = new int[inputs.size()][];
        for (int i = 0; i < inputs.size(); i++) {
            int[] slots = new int[inputs.get(i).width()];
            int s = 0;
            for (FieldSpec field : inputs.get(i).fields()) {
                for (int w = 0; w < field.width(); w++) {
                    slots[s++] = player(field.path());
                }
            }
            slotPlayers[i] = slots;
        }
    }

    int count() {
        return fields.size();
    }

    String name(int player) {
        return fields.get(player).text();
    }

    int player(FieldPath path) {
        return playerOfPathId[path.id()];
    }

    /** The player of each slot of input {@code input}. */
    int[] slotPlayers(int input) {
        return slotPlayers[input];
    }

    int inputWidth(int input) {
        return encoders[input].width();
    }

    /** The manifest inputs' tensor names. */
    List<String> inputTensors() {
        return Arrays.stream(encoders).map(e -> e.spec().tensor()).toList();
    }

    /** The manifest input whose tensor is {@code tensor}, or -1. */
    int inputOf(String tensor) {
        for (int i = 0; i < encoders.length; i++) {
            if (encoders[i].spec().tensor().equals(tensor)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The slot values of input {@code input} for {@code record}, as the tensor holds them (float inputs rounded to
     * float).
     *
     * @throws dev.inferstream.model.features.FeatureException when a field cannot be mapped
     */
    double[] encode(int input, FieldSource record) {
        FeatureEncoder encoder = encoders[input];
        TensorType type = encoder.spec().type();
        if (type == TensorType.STRING) {
            throw new IllegalStateException("string inputs have no numeric slots");
        }
        ByteBuffer buffer = ByteBuffer.allocate(encoder.width() * type.bytes()).order(ByteOrder.nativeOrder());
        encoder.encode(record, buffer, 0);
        double[] slots = new double[encoder.width()];
        for (int s = 0; s < slots.length; s++) {
            slots[s] = switch (type) {
                case FLOAT32 -> buffer.getFloat(s * 4);
                case FLOAT64 -> buffer.getDouble(s * 8);
                case INT32 -> buffer.getInt(s * 4);
                case INT64 -> buffer.getLong(s * 8);
                case BOOL -> buffer.get(s);
                case STRING -> throw new IllegalStateException();
            };
        }
        return slots;
    }

    /** Checks that every input can be filled from {@code record}. */
    void check(FieldSource record) {
        for (FeatureEncoder encoder : encoders) {
            if (encoder.spec().type() == TensorType.STRING) {
                encoder.encodeStrings(record, new String[encoder.width()], 0);
            } else {
                encoder.encode(
                        record,
                        ByteBuffer.allocate(
                                encoder.width() * encoder.spec().type().bytes()),
                        0);
            }
        }
    }

    /** A record taking each player's fields from {@code x} when {@code fromX[player]}, else from {@code z}. */
    FieldSource mix(FieldSource x, FieldSource z, boolean[] fromX) {
        return path -> {
            int p = path.id() < playerOfPathId.length ? playerOfPathId[path.id()] : -1;
            return p >= 0 && fromX[p] ? x.value(path) : z.value(path);
        };
    }

    /** A record taking the players ranked below {@code cut} in {@code rank} from {@code x}, the rest from {@code z}. */
    FieldSource mix(FieldSource x, FieldSource z, int[] rank, int cut) {
        return path -> {
            int p = path.id() < playerOfPathId.length ? playerOfPathId[path.id()] : -1;
            return p >= 0 && rank[p] < cut ? x.value(path) : z.value(path);
        };
    }
}
