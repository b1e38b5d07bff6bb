/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.config;

/**
 * One route: records of {@code input} are scored by {@code model} into {@code output}; records that cannot be
 * scored go to {@code deadLetter}, shadow versions' predictions to {@code shadow}.
 *
 * @param version the version to serve at start-up, or {@code latest} to serve (and follow) the newest published
 * @param feedback the topic of observed outcomes for this route's predictions, or null
 * @param explainTopK how many of each prediction's largest attributions it carries; 0: no explanations
 */
public record RouteConfig(
        String name,
        String input,
        String model,
        String version,
        String output,
        String deadLetter,
        String shadow,
        String feedback,
        int explainTopK) {

    public boolean followsLatest() {
        return version.equals("latest");
    }
}
