/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import java.util.List;

/** A job that cannot start, with every problem found (each says what to do). */
public final class InvalidJobException extends Exception {
    private final List<String> problems;

    public InvalidJobException(List<String> problems) {
        super("cannot start the batch job:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
