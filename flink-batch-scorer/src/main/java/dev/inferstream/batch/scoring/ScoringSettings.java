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
 * @param version a version number, or {@code latest}
 * @param registry schema registry client properties; empty when inputs are files
 * @param deployment the model's {@code Deployment} (Avro binary) when the rollout decides the versions, else null
 * @param backtestLabel in a backtest, the field holding the observed outcome ("" when there is none); null when
 *     not backtesting
 */
public record ScoringSettings(
        String modelRepository,
        String model,
        String version,
        int batchSize,
        int inferenceThreads,
        Map<String, String> registry,
        String scorerId,
        byte[] deployment,
        String backtestLabel)
        implements Serializable {}
