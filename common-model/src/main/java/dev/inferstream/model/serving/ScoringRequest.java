/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.serving;

import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.routing.HeaderView;

/** One record to score: the key its routing is sticky on, its headers, and its fields. */
public record ScoringRequest(byte[] key, HeaderView headers, FieldSource fields) {}
