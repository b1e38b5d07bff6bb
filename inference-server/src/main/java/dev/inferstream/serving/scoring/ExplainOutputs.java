/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.scoring;

import dev.inferstream.model.envelope.Explanations;
import dev.inferstream.model.envelope.RecordScorer;
import dev.inferstream.model.explain.ExplainException;
import dev.inferstream.model.explain.Explanation;
import dev.inferstream.model.explain.FieldAttribution;
import dev.inferstream.serving.oip.DataType;
import dev.inferstream.serving.oip.ServingException;
import dev.inferstream.serving.oip.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The request parameter {@code explain}: when true, each row's prediction is explained by the version that made it
 * and the response gains {@code attributions} (FP32 {@code [N, fields]}, in manifest field order), {@code base_value}
 * and {@code explained_value} (FP64 {@code [N]}), with the parameters {@code explain_fields} (the field names, comma
 * separated), {@code explain_method}, {@code explain_space} and {@code explain_target}.
 */
final class ExplainOutputs {
    /** The request parameter that asks for explanations. */
    static final String PARAMETER = "explain";

    private ExplainOutputs() {}

    static boolean requested(Map<String, Object> parameters) {
        Object value = parameters.get(PARAMETER);
        if (value == null || Boolean.FALSE.equals(value) || "false".equals(value)) {
            return false;
        }
        if (Boolean.TRUE.equals(value) || "true".equals(value)) {
            return true;
        }
        throw ServingException.invalid("parameter '" + PARAMETER + "' must be true or false, not '" + value + "'");
    }

    /** One explanation per row; a row that cannot be explained refuses the request, naming it and why. */
    static List<Explanation> explain(List<RecordScorer.Predicted> predicted) {
        List<Explanation> out = new ArrayList<>(predicted.size());
        for (int r = 0; r < predicted.size(); r++) {
            try {
                out.add(Explanations.explain(predicted.get(r)));
            } catch (ExplainException e) {
                throw ServingException.invalid((predicted.size() > 1 ? "row " + r + ": " : "") + e.getMessage());
            }
        }
        return out;
    }

    /** Adds the explanation outputs and parameters. */
    static void add(List<Explanation> explanations, List<Tensor> outputs, Map<String, Object> parameters) {
        int rows = explanations.size();
        List<String> fields = explanations.get(0).attributions().stream()
                .map(FieldAttribution::field)
                .toList();
        ByteBuffer attributions = ByteBuffer.allocate(rows * fields.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        double[] base = new double[rows];
        double[] value = new double[rows];
        for (int r = 0; r < rows; r++) {
            Explanation e = explanations.get(r);
            for (FieldAttribution a : e.attributions()) {
                attributions.putFloat((float) a.value());
            }
            base[r] = e.baseValue();
            value[r] = e.value();
        }
        attributions.flip();
        outputs.add(
                Tensor.numeric("attributions", DataType.FP32, new long[] {rows, fields.size()}, attributions, null));
        outputs.add(Tensor.fp64("base_value", new long[] {rows}, base));
        outputs.add(Tensor.fp64("explained_value", new long[] {rows}, value));
        parameters.put("explain_fields", String.join(",", fields));
        parameters.put("explain_method", perRow(explanations, e -> e.method().name()));
        parameters.put("explain_space", perRow(explanations, e -> e.space().name()));
        parameters.put("explain_target", perRow(explanations, Explanation::target));
    }

    private static String perRow(List<Explanation> explanations, Function<Explanation, String> value) {
        List<String> values = explanations.stream().map(value).toList();
        return values.stream().distinct().count() == 1 ? values.get(0) : String.join(",", values);
    }
}
