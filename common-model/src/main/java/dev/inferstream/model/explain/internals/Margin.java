/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals;

import dev.inferstream.model.explain.OutputSpace;

/**
 * What an exact explainer explains: a linear combination of the model's raw scores (tree sums or linear outputs), and
 * the link from it to the model's own output for the explained class, by which the choice is checked against ONNX
 * Runtime.
 *
 * @param coefficients one per raw score
 * @param offsets added to the raw scores before a softmax link (the base values); unused by the other links
 * @param description e.g. {@code log-odds of 'fraud'}, for summaries
 */
record Margin(
        int explainedClass,
        double[] coefficients,
        double constant,
        Link link,
        double[] offsets,
        OutputSpace space,
        String description) {

    /** How the margin becomes the model's output. */
    enum Link {
        IDENTITY,
        SIGMOID,
        SOFTMAX
    }

    /** A margin whose output is the margin itself or its sigmoid. */
    static Margin of(int k, double[] coefficients, double constant, Link link, OutputSpace space, String description) {
        return new Margin(k, coefficients, constant, link, new double[coefficients.length], space, description);
    }

    double value(double[] raw) {
        double v = constant;
        for (int i = 0; i < raw.length; i++) {
            v += coefficients[i] * raw[i];
        }
        return v;
    }

    /** The model output this margin predicts for raw scores {@code raw}. */
    double predicted(double[] raw) {
        double m = value(raw);
        return switch (link) {
            case IDENTITY -> m;
            case SIGMOID -> 1 / (1 + Math.exp(-m));
            case SOFTMAX -> {
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < raw.length; i++) {
                    max = Math.max(max, raw[i] + offsets[i]);
                }
                double sum = 0;
                for (int i = 0; i < raw.length; i++) {
                    sum += Math.exp(raw[i] + offsets[i] - max);
                }
                yield Math.exp(raw[explainedClass] + offsets[explainedClass] - max) / sum;
            }
        };
    }

    /** True when the model's float output agrees with this margin's prediction. */
    boolean agrees(double[] raw, double output) {
        double predicted = predicted(raw);
        return Math.abs(predicted - output) <= 2e-5 * Math.max(1, Math.abs(output));
    }
}
