/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals;

import dev.inferstream.model.explain.ExplainException;
import dev.inferstream.model.explain.OutputSpace;
import dev.inferstream.model.explain.internals.Margin.Link;
import dev.inferstream.model.explain.internals.graph.LinearLayer;
import dev.inferstream.model.explain.internals.graph.TreeEnsemble;
import dev.inferstream.model.explain.internals.graph.TreeEnsemble.Kind;
import dev.inferstream.model.explain.internals.graph.TreeEnsemble.PostTransform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which margin of the raw scores the model's output for a class is a function of. Converters and ONNX Runtime lay
 * binary classifiers out in several ways (one margin for class 1, mirrored rows, both classes' shares), so the
 * plausible margins are listed in order of preference and the first that reproduces ONNX Runtime's outputs on the
 * check rows is chosen.
 */
final class Margins {
    private Margins() {}

    /** The margins a tree ensemble's output for class (or target) {@code k} may be. */
    static List<Margin> forTrees(TreeEnsemble trees, Target target, int k) throws ExplainException {
        if (trees.aggregate() != TreeEnsemble.Aggregate.SUM && trees.aggregate() != TreeEnsemble.Aggregate.AVERAGE) {
            throw new ExplainException(trees.aggregate() + " aggregation over trees is not additive");
        }
        PostTransform post = trees.postTransform();
        if (post == PostTransform.PROBIT || post == PostTransform.SOFTMAX_ZERO) {
            throw new ExplainException("post_transform " + post + " is not supported by the exact explainer");
        }
        int n = trees.targets();
        double[] base = trees.baseValues();
        List<Margin> out = new ArrayList<>();
        String name = "'" + target.name(k) + "'";
        if (trees.kind() == Kind.REGRESSOR || !target.classifier()) {
            for (double b : constants(base.length > 0 ? base[0] : 0)) {
                if (post == PostTransform.LOGISTIC) {
                    out.add(Margin.of(0, unit(n, 0), b, Link.SIGMOID, OutputSpace.LOG_ODDS, "log-odds of " + name));
                }
                // ONNX Runtime applies no logistic to a single regression target, whatever post_transform says
                out.add(Margin.of(0, unit(n, 0), b, Link.IDENTITY, OutputSpace.VALUE, name));
            }
            return out;
        }
        double[] offsets = base.length == n ? base : new double[n];
        int[] weighted = trees.weightedTargets();
        if (post == PostTransform.SOFTMAX) {
            if (n == 2) {
                int other = 1 - k;
                double[] coef = unit(n, k);
                coef[other] = -1;
                out.add(Margin.of(
                        k,
                        coef,
                        offsets[k] - offsets[other],
                        Link.SIGMOID,
                        OutputSpace.LOG_ODDS,
                        "log-odds of " + name));
            }
            out.add(new Margin(
                    k,
                    unit(n, k),
                    offsets[k],
                    Link.SOFTMAX,
                    offsets,
                    OutputSpace.MARGIN,
                    "score of " + name + " before softmax"));
            return out;
        }
        boolean logistic = post == PostTransform.LOGISTIC;
        if (weighted.length == 1 && n == 2) {
            int j = weighted[0];
            Set<Double> bases = new LinkedHashSet<>();
            if (base.length == 2) {
                bases.add(base[1]);
            }
            if (base.length >= 1) {
                bases.add(base[0]);
            }
            bases.add(0.0);
            for (double b : bases) {
                double sign = k == 1 ? 1 : -1;
                double[] coef = unit(n, j);
                coef[j] = sign;
                if (logistic) {
                    out.add(Margin.of(k, coef, sign * b, Link.SIGMOID, OutputSpace.LOG_ODDS, "log-odds of " + name));
                }
                out.add(Margin.of(
                        k, coef, k == 1 ? b : 1 - b, Link.IDENTITY, OutputSpace.PROBABILITY, "probability of " + name));
                if (k == 0) {
                    out.add(Margin.of(k, coef, -b, Link.IDENTITY, OutputSpace.VALUE, "score of " + name));
                }
            }
            return out;
        }
        for (double b : constants(offsets[k])) {
            out.add(
                    logistic
                            ? Margin.of(k, unit(n, k), b, Link.SIGMOID, OutputSpace.LOG_ODDS, "log-odds of " + name)
                            : Margin.of(
                                    k,
                                    unit(n, k),
                                    b,
                                    Link.IDENTITY,
                                    OutputSpace.PROBABILITY,
                                    "probability of " + name));
        }
        return out;
    }

    /** The margins a linear layer's output for class (or target) {@code k} may be. */
    static List<Margin> forLinear(LinearLayer layer, Target target, int k) {
        int n = layer.outputs();
        List<Margin> out = new ArrayList<>();
        String name = "'" + target.name(k) + "'";
        if (!target.classifier()) {
            out.add(Margin.of(0, unit(n, 0), 0, Link.IDENTITY, OutputSpace.VALUE, name));
            return out;
        }
        if (n == 1 && target.classes() == 2) {
            double sign = k == 1 ? 1 : -1;
            double[] coef = {sign};
            out.add(Margin.of(k, coef, 0, Link.SIGMOID, OutputSpace.LOG_ODDS, "log-odds of " + name));
            out.add(Margin.of(
                    k, coef, k == 1 ? 0 : 1, Link.IDENTITY, OutputSpace.PROBABILITY, "probability of " + name));
            return out;
        }
        if (n != target.classes()) {
            return out;
        }
        out.add(Margin.of(k, unit(n, k), 0, Link.SIGMOID, OutputSpace.LOG_ODDS, "log-odds of " + name));
        if (n == 2) {
            double[] coef = unit(n, k);
            coef[1 - k] = -1;
            out.add(Margin.of(k, coef, 0, Link.SIGMOID, OutputSpace.LOG_ODDS, "log-odds of " + name));
        }
        out.add(new Margin(
                k,
                unit(n, k),
                0,
                Link.SOFTMAX,
                new double[n],
                OutputSpace.MARGIN,
                "score of " + name + " before softmax"));
        out.add(Margin.of(k, unit(n, k), 0, Link.IDENTITY, OutputSpace.PROBABILITY, "probability of " + name));
        return out;
    }

    /** The first candidate that reproduces the model's output on every check row. */
    static Margin choose(List<Margin> candidates, double[][] raws, double[][] outputs, String what)
            throws ExplainException {
        for (Margin candidate : candidates) {
            boolean all = true;
            for (int r = 0; r < raws.length && all; r++) {
                all = candidate.agrees(raws[r], outputs[r][candidate.explainedClass()]);
            }
            if (all) {
                return candidate;
            }
        }
        int k = candidates.isEmpty() ? 0 : candidates.get(0).explainedClass();
        throw new ExplainException("the " + what + " does not reproduce ONNX Runtime's output (model gives "
                + outputs[0][k] + " for the first check row; "
                + (candidates.isEmpty()
                        ? "no margin fits the output layout"
                        : "tried " + candidates.size() + " layouts")
                + ")");
    }

    private static double[] constants(double b) {
        return b == 0 ? new double[] {0} : new double[] {b, 0};
    }

    private static double[] unit(int n, int k) {
        double[] e = new double[n];
        Arrays.fill(e, 0);
        e[k] = 1;
        return e;
    }
}
