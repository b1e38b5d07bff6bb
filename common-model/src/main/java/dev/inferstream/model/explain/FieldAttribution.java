/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain;

/**
 * How much one manifest field moved the explained output away from the base value, in the explanation's output space.
 * A one-hot or array field is one field: its slots move together.
 */
public record FieldAttribution(String field, double value) {}
