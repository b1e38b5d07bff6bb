/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.config;

import java.util.Properties;

/** The smallest valid scorer configuration, which config tests change key by key: route {@code fraud}, tx → preds. */
final class MinimalConfig {
    private MinimalConfig() {}

    /** A fresh copy: application id, Kafka and registry addresses, the model repository and the one route. */
    static Properties fraudRoute() {
        Properties p = new Properties();
        p.setProperty("application.id", "fraud-scorer");
        p.setProperty("bootstrap.servers", "localhost:9092");
        p.setProperty("schema.registry.url", "http://localhost:8081");
        p.setProperty("scorer.model.repository", "models");
        p.setProperty("scorer.routes", "fraud");
        p.setProperty("scorer.route.fraud.input", "tx");
        p.setProperty("scorer.route.fraud.model", "fraud");
        p.setProperty("scorer.route.fraud.output", "preds");
        return p;
    }
}
