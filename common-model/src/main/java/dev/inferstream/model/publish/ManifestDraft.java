/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.publish;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import dev.inferstream.model.repository.ModelRef;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Drafts a {@code model.yaml} from an ONNX graph: its inputs with type and width, its outputs with a kind guessed
 * from their shape (a ZipMap sequence or a {@code [N, classes]} float tensor: probabilities; an integer or string
 * {@code [N]}: label; a float {@code [N]}: score; anything else: tensor), and a placeholder per field name that
 * the user replaces with the fields of their records.
 *
 * <pre>{@code
 * String yaml = ManifestDraft.from(Files.readAllBytes(onnx), "fraud");
 * }</pre>
 */
public final class ManifestDraft {
    /** Field names starting with this are placeholders; {@link ModelPublisher} refuses them. */
    public static final String PLACEHOLDER = "TODO_";

    private ManifestDraft() {}

    /**
     * @param name the model's name in the repository
     * @throws IllegalArgumentException when ONNX Runtime cannot read the graph, or a name is not allowed
     */
    public static String from(byte[] onnx, String name) {
        new ModelRef(name, 1);
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = OrtEnvironment.getEnvironment().createSession(onnx, options)) {
            return yaml(name, session.getInputInfo(), session.getOutputInfo());
        } catch (OrtException e) {
            throw new IllegalArgumentException("ONNX Runtime cannot read the model: " + e.getMessage(), e);
        }
    }

    private static String yaml(String name, Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs) {
        StringBuilder y = new StringBuilder();
        y.append("# Drafted from the ONNX graph by scorerctl models init.\n")
                .append("# Replace every ")
                .append(PLACEHOLDER)
                .append("… field with the field of your input records that feeds that value (in the\n")
                .append("# column order the model was trained on; nested fields as a.b), name the classes in\n")
                .append("# labels, then: scorerctl models publish <this folder>\n")
                .append("name: ")
                .append(name)
                .append('\n')
                .append("version: 1          # publish writes the version it publishes here\n")
                .append("description: ")
                .append(name)
                .append(" model   # say what it predicts and what it was trained on\n")
                .append("inputs:\n");
        for (NodeInfo input : inputs.values()) {
            input(y, input);
        }
        y.append("outputs:\n");
        long classes = outputs.values().stream()
                .filter(n -> guess(n.getInfo()) == Guess.PROBABILITIES)
                .mapToLong(n -> n.getInfo() instanceof TensorInfo t ? t.getShape()[1] : 2)
                .findFirst()
                .orElse(2);
        Set<Guess> taken = EnumSet.noneOf(Guess.class);
        for (NodeInfo output : outputs.values()) {
            Guess guess = guess(output.getInfo());
            if (guess != Guess.TENSOR && guess != Guess.UNREADABLE && !taken.add(guess)) {
                guess = Guess.TENSOR; // one output per kind: the first one takes it
            }
            output(y, output, guess, classes);
        }
        return y.toString();
    }

    /** The output kind a graph output most likely is. */
    private enum Guess {
        PROBABILITIES,
        LABEL,
        SCORE,
        TENSOR,
        UNREADABLE
    }

    private static Guess guess(ValueInfo info) {
        if (info instanceof SequenceInfo sequence) {
            return sequence.isSequenceOfMaps() ? Guess.PROBABILITIES : Guess.UNREADABLE;
        }
        if (!(info instanceof TensorInfo tensor)) {
            return Guess.UNREADABLE;
        }
        long[] shape = tensor.getShape();
        boolean floating = tensor.type == OnnxJavaType.FLOAT || tensor.type == OnnxJavaType.DOUBLE;
        boolean perRow = shape.length == 1 || (shape.length == 2 && shape[1] == 1);
        if (floating && shape.length == 2 && shape[1] > 1) {
            return Guess.PROBABILITIES;
        }
        if (perRow
                && (tensor.type == OnnxJavaType.INT64
                        || tensor.type == OnnxJavaType.INT32
                        || tensor.type == OnnxJavaType.STRING)) {
            return Guess.LABEL;
        }
        if (perRow && floating) {
            return Guess.SCORE;
        }
        return floating || tensor.type == OnnxJavaType.INT64 || tensor.type == OnnxJavaType.INT32
                ? Guess.TENSOR
                : Guess.UNREADABLE;
    }

    private static void output(StringBuilder y, NodeInfo node, Guess guess, long classes) {
        String name = node.getName();
        ValueInfo info = node.getInfo();
        String graph = info instanceof TensorInfo t
                ? "   # " + typeName(t.type) + " " + Arrays.toString(t.getShape())
                : "   # ZipMap";
        String labels = labels(classes);
        switch (guess) {
            case PROBABILITIES ->
                y.append("  - {name: ")
                        .append(name)
                        .append(", kind: probabilities, labels: ")
                        .append(labels)
                        .append(", positive: \"")
                        .append(classes - 1)
                        .append("\"}")
                        .append(graph)
                        .append(": name the classes in the model's class order\n");
            case LABEL -> {
                boolean text = info instanceof TensorInfo t && t.type == OnnxJavaType.STRING;
                y.append("  - {name: ").append(name).append(", kind: label");
                if (!text) {
                    y.append(", labels: ").append(labels);
                }
                y.append('}').append(graph).append(text ? "\n" : ": the class names, by class index\n");
            }
            case SCORE ->
                y.append("  - {name: ")
                        .append(name)
                        .append(", kind: score}")
                        .append(graph)
                        .append('\n');
            case TENSOR ->
                y.append("  - {name: ")
                        .append(name)
                        .append(", kind: tensor}")
                        .append(graph)
                        .append(": passed through raw\n");
            case UNREADABLE ->
                y.append("  # ")
                        .append(name)
                        .append(" (")
                        .append(info)
                        .append(") is not a tensor the scorers read: left out\n");
        }
    }

    private static void input(StringBuilder y, NodeInfo node) {
        y.append("  - name: ").append(node.getName()).append('\n');
        if (!(node.getInfo() instanceof TensorInfo tensor)) {
            y.append("    # not a tensor (")
                    .append(node.getInfo())
                    .append("): the scorers feed [batch, width] tensors\n");
            y.append("    fields: [").append(PLACEHOLDER).append("field_1]\n");
            return;
        }
        long[] shape = tensor.getShape();
        long width = shape.length == 2 ? shape[1] : -1;
        y.append("    type: ")
                .append(typeName(tensor.type))
                .append("   # the graph's ")
                .append(typeName(tensor.type))
                .append(' ')
                .append(Arrays.toString(shape))
                .append('\n');
        y.append(
                width > 0
                        ? "    # " + width + " values per row: one field each, in the model's column order\n"
                        : "    # the graph does not fix the width: list one field per value\n");
        y.append("    fields:\n");
        for (long f = 1; f <= Math.max(1, width); f++) {
            y.append("      - ").append(PLACEHOLDER).append("field_").append(f).append('\n');
        }
    }

    private static String labels(long classes) {
        StringBuilder labels = new StringBuilder("[");
        for (long c = 0; c < classes; c++) {
            labels.append(c == 0 ? "" : ", ").append('"').append(c).append('"');
        }
        return labels.append(']').toString();
    }

    private static String typeName(OnnxJavaType type) {
        return switch (type) {
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            case INT32 -> "int32";
            case INT64 -> "int64";
            case BOOL -> "bool";
            case STRING -> "string";
            default -> type.name().toLowerCase();
        };
    }
}
