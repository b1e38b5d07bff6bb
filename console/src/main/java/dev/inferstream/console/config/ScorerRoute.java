/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.config;

import java.util.List;

/**
 * Where a model's scorers read and write ({@code console.route.<model>.*}, the scorer's route settings): what the
 * lag badge measures and where a load test can send records.
 *
 * @param input the topic the scorers read the model's records from
 * @param predictions the topic they write its predictions to; null when not given
 * @param group the scorers' consumer group (their {@code application.id}); null when not given
 */
public record ScorerRoute(String model, String input, String predictions, String group) {
    /** The sub-keys of {@code console.route.<model>.}. */
    static final List<String> KEYS = List.of("input", "predictions", "group");
}
