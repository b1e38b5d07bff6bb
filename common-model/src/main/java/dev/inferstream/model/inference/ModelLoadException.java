/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.inference;

import dev.inferstream.model.repository.ModelRef;

/** A model version that was refused: unreadable, corrupt, or not matching its manifest. */
public final class ModelLoadException extends Exception {
    private final ModelRef ref;

    public ModelLoadException(ModelRef ref, String location, String reason, Throwable cause) {
        super("cannot load model " + ref + " from " + location + ": " + reason, cause);
        this.ref = ref;
    }

    public ModelRef ref() {
        return ref;
    }
}
