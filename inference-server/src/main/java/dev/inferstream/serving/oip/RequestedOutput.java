/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.oip;

import java.util.Map;

/** An output a request asks for, with its parameters (e.g. {@code binary_data}). */
public record RequestedOutput(String name, Map<String, Object> parameters) {
    public RequestedOutput {
        parameters = Map.copyOf(parameters);
    }
}
