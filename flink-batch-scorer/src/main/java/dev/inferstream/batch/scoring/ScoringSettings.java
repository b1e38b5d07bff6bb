/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.scoring;

import java.io.Serializable;
import java.util.Map;

/**
 * What the scoring operator needs on each task manager: where models are, which to serve, how to batch, and
 * the registry settings for Confluent-framed inputs.
 *
 * @param models the versions to serve, resolved when the job was built
 * @param registry schema registry client properties; empty when inputs are files
 * @param backtestLabel in a backtest, the field holding the observed outcome ("" when there is none); null when
 *     not backtesting
 * @param eventTimeField the field holding a file row's event time, or null (the file's modification time)
 * @param explainTopK how many of each prediction's largest attributions it carries; 0: no explanations
 */
public record ScoringSettings(
        String modelRepository,
        String model,
        JobModels models,
        int batchSize,
        int inferenceThreads,
        Map<String, String> registry,
        String scorerId,
        String backtestLabel,
        String eventTimeField,
        int explainTopK)
        implements Serializable {}
