/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.inference;

import dev.inferstream.model.Stage;

/** The result of scoring one record: a prediction, or the stage and reason it failed. */
public sealed interface Outcome {

    /** A successful prediction. */
    record Scored(ScoreResult result) implements Outcome {}

    /**
     * A record that could not be scored.
     *
     * @param reason a short machine-readable reason, e.g. {@code MISSING_FIELD}
     */
    record Failed(Stage stage, String reason, Throwable error) implements Outcome {}
}
