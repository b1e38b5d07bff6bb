/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench.serving;

/** Where a load run is: warming up (nothing recorded), measuring, or over. */
enum Phase {
    WARMUP,
    MEASURE,
    STOP
}
