/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain;

/** The scale an explanation's base value, output and attributions are in. */
public enum OutputSpace {
    /** The explained class's probability, as the model outputs it. */
    PROBABILITY,
    /** The log-odds {@code ln(p / (1 − p))} of the explained class's probability: the margin before a sigmoid. */
    LOG_ODDS,
    /** The explained class's raw score before the model's softmax (softmax of these margins gives the probabilities). */
    MARGIN,
    /** The model's score output itself: a regression value or raw score. */
    VALUE
}
