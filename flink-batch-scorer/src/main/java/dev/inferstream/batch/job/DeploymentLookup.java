/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import dev.inferstream.control.ControlPlane;
import dev.inferstream.control.ControlTopics;
import dev.inferstream.model.routing.DeploymentCodec;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import java.util.Properties;

/** Reads the current {@code Deployment} of one model from the control topic, when the job is built. */
final class DeploymentLookup {
    private DeploymentLookup() {}

    static Deployment newest(JobOptions options) {
        Properties props = new Properties();
        props.putAll(options.kafka());
        ControlPlane control = new ControlPlane(
                props,
                new SchemaRegistryClient(RegistryConfig.fromProperties(options.registry())),
                ControlTopics.forDeployments(options.deploymentTopic()));
        Deployment newest = control.current(options.model())
                .orElseThrow(() -> new IllegalArgumentException(
                        "no deployment of " + options.model() + " on " + options.deploymentTopic()
                                + " (publish one with scorerctl deploy, or leave out --deployment-topic)"));
        DeploymentCodec.toSpec(newest);
        return newest;
    }
}
