/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Something a person did in the console besides changing a deployment (those are in the history topic): published
 * a version, scored a file, ran a load test, replayed a dead letter, or was refused. Kept as JSON on the console's
 * audit topic, keyed by user.
 *
 * @param outcome {@code done}, {@code refused} or {@code failed}
 */
public record ConsoleAction(
        Instant at, String user, String role, String action, String model, String detail, String outcome) {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ConsoleAction fromJson(byte[] json) {
        try {
            return JSON.readValue(json, ConsoleAction.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a console action: " + e.getMessage(), e);
        }
    }
}
