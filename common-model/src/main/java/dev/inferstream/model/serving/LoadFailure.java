/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.serving;

import dev.inferstream.model.repository.ModelRef;
import java.time.Instant;

/** A version that was refused, and why; the serving version stayed in place. */
record LoadFailure(ModelRef ref, Instant at, String reason) {}
