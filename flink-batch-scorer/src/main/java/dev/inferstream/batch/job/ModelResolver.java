/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import dev.inferstream.batch.scoring.FlinkModelRepository;
import dev.inferstream.batch.scoring.JobModels;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.ModelLoadException;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.repository.ModelRepository;
import dev.inferstream.model.routing.DeploymentCodec;
import dev.inferstream.schemas.Deployment;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resolves the versions a job scores with, once, when it is built: {@code --version} (a number, or {@code latest}
 * as it is now), the control topic's deployment, or a backtest's pair. Loads every version once to prove it loads
 * (manifest against graph) and records its sha256, so every task serves exactly what was checked.
 */
final class ModelResolver {
    private ModelResolver() {}

    static JobModels resolve(JobOptions options) throws InvalidJobException {
        List<String> problems = new ArrayList<>();
        ModelRepository repository = FlinkModelRepository.open(options.modelRepository());
        List<Integer> published = published(repository, options.model(), problems);
        if (published == null) {
            throw new InvalidJobException(problems);
        }
        Deployment deployment = deployment(options, published, repository, problems);
        if (deployment == null) {
            throw new InvalidJobException(problems);
        }
        Map<Integer, String> sha256 = new TreeMap<>();
        for (int version : DeploymentCodec.toSpec(deployment).versions()) {
            if (!published.contains(version)) {
                problems.add("version " + version + " of " + options.model() + " is not in the repository "
                        + repository.location() + " (published: " + published + "); publish it, or name another "
                        + "version");
                continue;
            }
            String sha = loads(repository, new ModelRef(options.model(), version), options.explainTopK() > 0, problems);
            if (sha != null) {
                sha256.put(version, sha);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidJobException(problems);
        }
        return JobModels.of(deployment, sha256);
    }

    /** Checks only that the repository holds the model (when its deployment cannot be read). */
    static void checkModel(JobOptions options, List<String> problems) {
        published(FlinkModelRepository.open(options.modelRepository()), options.model(), problems);
    }

    /** The model's published versions, or null (with the problem) when the repository or the model is missing. */
    private static List<Integer> published(ModelRepository repository, String model, List<String> problems) {
        try {
            List<Integer> versions = repository.versions(model);
            if (!versions.isEmpty()) {
                return versions;
            }
            List<String> models = repository.models();
            problems.add("model '" + model + "' is not in the repository " + repository.location()
                    + (models.isEmpty() ? " (it holds no model)" : " (it holds: " + String.join(", ", models) + ")")
                    + "; check --model, or publish it with scorerctl models publish");
        } catch (FileNotFoundException e) {
            problems.add("the model repository " + repository.location() + " does not exist: pass the folder (or URL)"
                    + " models are published to with --model-repository");
        } catch (IOException | RuntimeException e) {
            problems.add("cannot read the model repository " + repository.location() + ": " + e.getMessage()
                    + " (check --model-repository)");
        }
        return null;
    }

    private static Deployment deployment(
            JobOptions options, List<Integer> published, ModelRepository repository, List<String> problems) {
        if (options.deploymentTopic() != null) {
            try {
                return DeploymentLookup.newest(options);
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
                return null;
            }
        }
        Deployment.Builder deployment = Deployment.newBuilder()
                .setModel(options.model())
                .setChangedBy(options.scorerId())
                .setChangedAt(Instant.ofEpochMilli(0));
        if (options.backtest() != null) {
            // the stable version serves; the candidate scores the same rows as a shadow
            return deployment
                    .setStable(Integer.parseInt(options.version()))
                    .setShadows(List.of(options.backtest().candidate()))
                    .setReason("backtest")
                    .build();
        }
        int version = options.version().equals("latest")
                ? published.get(published.size() - 1)
                : Integer.parseInt(options.version());
        return deployment
                .setStable(version)
                .setReason("--version " + options.version() + " in " + repository.location())
                .build();
    }

    private static String loads(ModelRepository repository, ModelRef ref, boolean explain, List<String> problems) {
        try {
            LoadedModel model = LoadedModel.load(repository.fetch(ref), InferenceOptions.defaults());
            model.retire();
            if (explain && model.explainer().isEmpty()) {
                problems.add("--explain needs " + ref + " to declare how it is explained: add an explain section "
                        + "(explain.background) to its model.yaml");
            }
            return model.sha256();
        } catch (ModelLoadException e) {
            problems.add(e.getMessage());
        } catch (IOException e) {
            problems.add("cannot read " + ref + " from " + repository.location() + ": " + e.getMessage());
        }
        return null;
    }
}
