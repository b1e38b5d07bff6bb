/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.routing;

/** A record's headers as the router reads them; engines adapt Kafka headers (or none, for files) to this. */
@FunctionalInterface
public interface HeaderView {
    HeaderView NONE = key -> null;

    /** The last value of header {@code key}, or null. */
    byte[] lastValue(String key);
}
