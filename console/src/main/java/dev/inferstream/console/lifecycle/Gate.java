/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.lifecycle;

/**
 * One gate of an automatically judged canary with its current value: {@code value} null until both arms have data.
 *
 * @param passing null while undecided
 * @param remaining what the gate still needs before it counts in a decision (e.g. "38 more canary records"); empty
 *     when nothing
 */
public record Gate(String name, String limit, String value, Boolean passing, String remaining) {}
