/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topology;

import dev.inferstream.model.Stage;

/** An output of one record that cannot be written; the record becomes a dead letter with this stage and reason. */
final class OutputFailure extends RuntimeException {
    private final Stage stage;
    private final String reason;

    OutputFailure(Stage stage, String reason, Throwable error) {
        super(stage + " " + reason + ": " + error.getMessage(), error);
        this.stage = stage;
        this.reason = reason;
    }

    Stage stage() {
        return stage;
    }

    String reason() {
        return reason;
    }

    /** The error the dead letter reports. */
    Throwable error() {
        return getCause();
    }
}
