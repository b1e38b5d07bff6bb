/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.config;

import java.util.Optional;

/**
 * What the scorer watches and records besides predictions.
 *
 * @param driftWindow records per drift window (0: drift detection off)
 * @param psiThreshold a PSI above this raises a drift alert
 * @param alertsTopic where alerts go
 * @param auditTopic where one audit record per prediction goes, if set
 */
public record MonitoringConfig(int driftWindow, double psiThreshold, String alertsTopic, Optional<String> auditTopic) {
    public boolean driftEnabled() {
        return driftWindow > 0;
    }
}
