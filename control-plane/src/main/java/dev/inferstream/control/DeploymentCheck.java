/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Refuses a deployment the scorers would ignore before it is published: an invalid structure (shares that do not add
 * up, a version in two roles), versions not published in the model repository, or versions whose outputs do not fit
 * together (an ensemble of a classifier and a regressor). Every front end runs the same check.
 */
public final class DeploymentCheck {
    private DeploymentCheck() {}

    /** @throws RolloutException starting with {@code refused:} and naming the problem */
    public static void check(Deployment deployment, ModelRepository repository) {
        DeploymentSpec spec;
        try {
            spec = DeploymentCodec.toSpec(deployment);
        } catch (IllegalArgumentException e) {
            throw new RolloutException("refused: " + e.getMessage());
        }
        String model = deployment.getModel();
        List<Integer> published;
        try {
            published = repository.versions(model);
        } catch (IOException e) {
            throw new RolloutException("cannot list the versions of " + model + " in " + repository.location() + " ("
                    + e.getMessage() + "); pass the scorers' repository with --repository");
        }
        List<Integer> missing =
                spec.versions().stream().filter(v -> !published.contains(v)).toList();
        if (!missing.isEmpty()) {
            throw new RolloutException("refused: " + model + " version(s) " + missing + " are not published in "
                    + repository.location() + "; published: " + published);
        }
        Map<Integer, ModelManifest> manifests = new HashMap<>();
        for (int version : spec.policy().versions()) {
            manifests.put(version, manifest(repository, new ModelRef(model, version)));
        }
        String problem = OutputCompatibility.problem(spec.policy(), manifests);
        if (problem != null) {
            throw new RolloutException("refused: " + problem);
        }
    }

    /** The parsed manifest of {@code ref}. */
    public static ModelManifest manifest(ModelRepository repository, ModelRef ref) {
        try {
            return ManifestParser.parse(repository.fetch(ref).manifest(), ref + "/model.yaml");
        } catch (IOException | ManifestException e) {
            throw new RolloutException("cannot read the manifest of " + ref + ": " + e.getMessage());
        }
    }
}
