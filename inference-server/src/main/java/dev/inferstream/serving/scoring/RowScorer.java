/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.scoring;

import dev.inferstream.model.envelope.RecordScorer;
import java.util.List;

/** Scores one request's rows through the shared record path, alone or batched with other requests. */
interface RowScorer extends AutoCloseable {
    List<RecordScorer.Result> score(List<RecordScorer.Input> inputs);

    @Override
    default void close() {}
}
