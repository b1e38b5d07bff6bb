/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.io;

/**
 * The predictions of one {@link RowColumns}, one array slot per row; a row that was dead-lettered has no prediction
 * id and is not written.
 *
 * @param models the model name per row (the version's, as the envelope's {@code model})
 * @param scores the score per row, null where the model gives none
 * @param scoredAt when the batch was scored, epoch millis
 */
public record ScoredColumns(
        RowColumns rows,
        String[] predictionIds,
        String[] models,
        int[] versions,
        String[] sha256,
        String[] arms,
        Double[] scores,
        String[] labels,
        long scoredAt,
        String scorer) {

    public boolean scored(int row) {
        return predictionIds[row] != null;
    }
}
