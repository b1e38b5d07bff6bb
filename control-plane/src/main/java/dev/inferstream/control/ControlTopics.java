/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

/**
 * The topics of the control plane.
 *
 * @param deployments compacted, keyed by model: the current {@code Deployment} of each model
 * @param history every {@code Deployment} ever written, keyed by model, kept forever: the audit trail
 * @param status compacted, keyed by {@code model|scorer}: what each scorer instance reports ({@code ScorerStatus})
 * @param quality compacted, keyed by {@code model|version|arm|partition}: quality from joined feedback
 */
public record ControlTopics(String deployments, String history, String status, String quality) {
    public static final String DEFAULT_DEPLOYMENTS = "_scoring.deployments";
    public static final String DEFAULT_STATUS = "_scoring.status";
    public static final String DEFAULT_QUALITY = "_scoring.quality";

    /** The default topics. */
    public static ControlTopics defaults() {
        return forDeployments(DEFAULT_DEPLOYMENTS);
    }

    /** The given deployments topic, its history next to it ({@code <deployments>.history}), the default status. */
    public static ControlTopics forDeployments(String deployments) {
        return new ControlTopics(deployments, deployments + ".history", DEFAULT_STATUS, DEFAULT_QUALITY);
    }

    public ControlTopics withStatus(String status) {
        return new ControlTopics(deployments, history, status, quality);
    }

    public ControlTopics withQuality(String quality) {
        return new ControlTopics(deployments, history, status, quality);
    }
}
