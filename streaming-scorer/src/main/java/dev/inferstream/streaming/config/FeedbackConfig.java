/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.config;

import java.time.Duration;

/**
 * How predictions are joined with observed outcomes.
 *
 * @param window how long a prediction waits for its feedback (record timestamps)
 * @param qualityTopic the compacted topic quality statistics are published to
 * @param publishInterval how often they are published
 */
public record FeedbackConfig(Duration window, String qualityTopic, Duration publishInterval) {}
