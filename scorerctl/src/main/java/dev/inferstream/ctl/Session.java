/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.inferstream.control.ControlPlane;
import dev.inferstream.control.DeploymentCheck;
import dev.inferstream.control.RolloutChange;
import dev.inferstream.control.RolloutException;
import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.repository.ModelRepository;
import dev.inferstream.schemas.Deployment;
import java.io.PrintWriter;
import java.util.function.Supplier;

/** One invocation's control plane, model repository and output format. */
final class Session {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    final ControlPlane control;
    private final Supplier<ModelRepository> repository;
    final boolean json;
    final PrintWriter out;

    Session(ControlPlane control, Supplier<ModelRepository> repository, boolean json, PrintWriter out) {
        this.control = control;
        this.repository = repository;
        this.json = json;
        this.out = out;
    }

    ModelRepository repository() {
        try {
            return repository.get();
        } catch (IllegalArgumentException e) {
            throw new RolloutException("--repository: " + e.getMessage());
        }
    }

    Deployment current(String model) {
        return control.current(model)
                .orElseThrow(() -> new RolloutException("no deployment of " + model
                        + " on " + control.topics().deployments() + " yet: start with scorerctl deploy " + model
                        + " <version>"));
    }

    /** Applies {@code change} to the model's deployment, checks the result, publishes it and prints it. */
    void change(RolloutChange change, String changedBy, String reason) {
        Deployment deployment = control.change(change, changedBy, reason, repository());
        print(Views.deployment(deployment), "published " + Views.summary(deployment));
    }

    static ModelManifest manifest(ModelRepository repo, ModelRef ref) {
        return DeploymentCheck.manifest(repo, ref);
    }

    /** Prints {@code value} as JSON, or {@code text} when JSON was not asked for. */
    void print(Object value, String text) {
        if (json) {
            try {
                out.println(JSON.writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            out.println(text);
        }
        out.flush();
    }
}
