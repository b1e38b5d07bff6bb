/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.scorer;

import dev.inferstream.system.stack.Cluster;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The topics of one scenario and the configuration its scorer instances share (one application id, exactly-once).
 *
 * @param control the scenario's own control topic (it need not exist)
 */
public record ScorerSetup(
        Cluster cluster, String repository, String input, String output, String deadLetter, String control) {

    /** The application id of the scenario's scorers. */
    public String applicationId() {
        return "scorer-" + input;
    }

    /** A scorer configuration for this scenario; {@code stateDir} is the instance's own. */
    public Properties config(String model, Path stateDir) {
        Properties p = cluster.copy();
        p.setProperty("application.id", applicationId());
        p.setProperty("state.dir", stateDir.toString());
        p.setProperty("commit.interval.ms", "100");
        // a killed member's partitions move once its session times out: keep that short
        p.setProperty("consumer.session.timeout.ms", "6000");
        p.setProperty("consumer.heartbeat.interval.ms", "1000");
        p.setProperty("scorer.model.repository", repository);
        p.setProperty("scorer.routes", "main");
        p.setProperty("scorer.route.main.input", input);
        p.setProperty("scorer.route.main.model", model);
        p.setProperty("scorer.route.main.output", output);
        p.setProperty("scorer.route.main.dead-letter", deadLetter);
        p.setProperty("scorer.batch.max.records", "32");
        p.setProperty("scorer.batch.max.wait.ms", "5");
        p.setProperty("scorer.control.topic", control);
        p.setProperty("scorer.status.topic", control + ".status");
        p.setProperty("scorer.status.interval.ms", "2000");
        p.setProperty("scorer.controller.interval.ms", "0");
        p.setProperty("scorer.drift.window.records", "0");
        return p;
    }
}
