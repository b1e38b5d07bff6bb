/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals;

import dev.inferstream.model.explain.ExplainException;
import dev.inferstream.model.explain.OutputSpace;
import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.model.manifest.OutputKind;
import dev.inferstream.model.manifest.OutputSpec;
import java.util.List;
import java.util.Optional;

/**
 * Which model output an explanation explains: the prediction's score. For classifiers that is the probability of the
 * positive class (declared, or the second of two), otherwise of the predicted class; for regressors the score output.
 */
final class Target {
    private final String output;
    private final List<String> classes;
    private final int fixedClass;

    private Target(String output, List<String> classes, int fixedClass) {
        this.output = output;
        this.classes = classes;
        this.fixedClass = fixedClass;
    }

    static Target of(ModelManifest manifest) throws ExplainException {
        Optional<OutputSpec> probabilities = find(manifest, OutputKind.PROBABILITIES);
        if (probabilities.isPresent()) {
            OutputSpec p = probabilities.get();
            int positive = p.positive() != null
                    ? p.labels().indexOf(p.positive())
                    : p.labels().size() == 2 ? 1 : -1;
            return new Target(p.tensor(), p.labels(), positive);
        }
        Optional<OutputSpec> score = find(manifest, OutputKind.SCORE);
        if (score.isPresent()) {
            return new Target(score.get().tensor(), List.of(), 0);
        }
        throw new ExplainException("explanations need a probabilities or score output; " + manifest.name() + "/"
                + manifest.version() + " declares neither");
    }

    /** The graph output tensor the explained value comes from. */
    String output() {
        return output;
    }

    boolean classifier() {
        return !classes.isEmpty();
    }

    int classes() {
        return Math.max(1, classes.size());
    }

    /** The fixed explained class (0 for regressors), or -1 when it is each record's predicted class. */
    int fixedClass() {
        return fixedClass;
    }

    /** The explained class for a record whose outputs are {@code outputs}. */
    int classOf(double[] outputs) {
        return fixedClass >= 0 ? fixedClass : argmax(outputs);
    }

    /** The class label or the score output's name. */
    String name(int k) {
        return classifier() ? classes.get(k) : output;
    }

    /** The space of the model's own output. */
    OutputSpace outputSpace() {
        return classifier() ? OutputSpace.PROBABILITY : OutputSpace.VALUE;
    }

    static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static Optional<OutputSpec> find(ModelManifest manifest, OutputKind kind) {
        return manifest.outputs().stream().filter(o -> o.kind() == kind).findFirst();
    }
}
