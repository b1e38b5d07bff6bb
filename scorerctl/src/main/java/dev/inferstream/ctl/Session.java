/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.inferstream.control.ControlPlane;
import dev.inferstream.control.RolloutException;
import dev.inferstream.model.manifest.ManifestException;
import dev.inferstream.model.manifest.ManifestParser;
import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.repository.ModelRepository;
import dev.inferstream.model.routing.DeploymentCodec;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.routing.OutputCompatibility;
import dev.inferstream.schemas.Deployment;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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

    /**
     * Applies {@code change} to the current deployment of {@code model} (or {@code first} when there is none),
     * checks the result, publishes it and prints it.
     */
    void change(
            String model,
            Function<Deployment, Deployment.Builder> change,
            Supplier<Deployment.Builder> first,
            String changedBy,
            String reason) {
        Deployment current = control.current(model).orElse(null);
        Deployment.Builder next;
        if (current == null) {
            if (first == null) {
                current(model);
            }
            next = first.get();
        } else {
            next = change.apply(current);
        }
        Deployment deployment = next.setRevision(current == null ? 1 : current.getRevision() + 1)
                .setChangedBy(changedBy)
                .setChangedAt(Instant.now())
                .setReason(reason)
                .build();
        check(deployment);
        control.publish(deployment);
        print(Views.deployment(deployment), "published " + Views.summary(deployment));
    }

    /** Refuses a deployment the scorers would ignore: invalid structure, unpublished versions, unfit outputs. */
    private void check(Deployment deployment) {
        DeploymentSpec spec;
        try {
            spec = DeploymentCodec.toSpec(deployment);
        } catch (IllegalArgumentException e) {
            throw new RolloutException("refused: " + e.getMessage());
        }
        ModelRepository repo = repository();
        String model = deployment.getModel();
        List<Integer> published;
        try {
            published = repo.versions(model);
        } catch (IOException e) {
            throw new RolloutException("cannot list the versions of " + model + " in " + repo.location() + " ("
                    + e.getMessage() + "); pass the scorers' repository with --repository");
        }
        List<Integer> missing =
                spec.versions().stream().filter(v -> !published.contains(v)).toList();
        if (!missing.isEmpty()) {
            throw new RolloutException("refused: " + model + " version(s) " + missing + " are not published in "
                    + repo.location() + "; published: " + published);
        }
        Map<Integer, ModelManifest> manifests = new HashMap<>();
        for (int version : spec.policy().versions()) {
            manifests.put(version, manifest(repo, new ModelRef(model, version)));
        }
        String problem = OutputCompatibility.problem(spec.policy(), manifests);
        if (problem != null) {
            throw new RolloutException("refused: " + problem);
        }
    }

    static ModelManifest manifest(ModelRepository repo, ModelRef ref) {
        try {
            return ManifestParser.parse(repo.fetch(ref).manifest(), ref + "/model.yaml");
        } catch (IOException | ManifestException e) {
            throw new RolloutException("cannot read the manifest of " + ref + ": " + e.getMessage());
        }
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
