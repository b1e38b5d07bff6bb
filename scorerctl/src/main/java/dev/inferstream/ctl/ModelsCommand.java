/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import dev.inferstream.control.RolloutException;
import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.model.repository.ModelArtifact;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.repository.ModelRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "models",
        description = "What the model repository holds",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Show.class})
final class ModelsCommand {
    @ParentCommand
    ScorerCtl root;

    @Command(name = "list", description = "Every model and its published versions")
    static final class ListModels implements Callable<Integer> {
        @ParentCommand
        ModelsCommand models;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Session session = models.root.session(spec.commandLine().getOut());
            ModelRepository repo = session.repository();
            Map<String, List<Integer>> all = new LinkedHashMap<>();
            StringBuilder text = new StringBuilder();
            for (String model : repo.models()) {
                List<Integer> versions = repo.versions(model);
                all.put(model, versions);
                text.append(model).append("  versions ").append(versions).append('\n');
            }
            session.print(
                    all,
                    all.isEmpty()
                            ? "no models in " + repo.location()
                            : text.toString().stripTrailing());
            return 0;
        }
    }

    @Command(name = "show", description = "A model's versions with their sha256 and manifest (or one version's)")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        ModelsCommand models;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "MODEL")
        String model;

        @Parameters(index = "1", paramLabel = "VERSION", arity = "0..1")
        Integer version;

        @Override
        public Integer call() throws IOException {
            Session session = models.root.session(spec.commandLine().getOut());
            ModelRepository repo = session.repository();
            List<Integer> versions = version != null ? List.of(version) : repo.versions(model);
            if (versions.isEmpty()) {
                throw new RolloutException("model " + model + " has no published version in " + repo.location());
            }
            List<Map<String, Object>> shown = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (int v : versions) {
                ModelRef ref = new ModelRef(model, v);
                ModelArtifact artifact = repo.fetch(ref);
                ModelManifest manifest = Session.manifest(repo, ref);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("model", model);
                m.put("version", v);
                m.put("sha256", sha256(artifact.onnx()));
                m.put("sizeBytes", artifact.onnx().length);
                m.put("description", manifest.description());
                m.put("inputs", manifest.inputs().stream().map(i -> i.tensor()).toList());
                m.put(
                        "features",
                        manifest.fieldPaths().stream().map(p -> p.text()).toList());
                m.put(
                        "outputs",
                        manifest.outputs().stream()
                                .map(o -> o.tensor() + ":" + o.kind())
                                .toList());
                m.put("manifest", new String(artifact.manifest(), StandardCharsets.UTF_8));
                shown.add(m);
                text.append(model)
                        .append(" v")
                        .append(v)
                        .append("  sha256 ")
                        .append(m.get("sha256"))
                        .append("  ")
                        .append(artifact.onnx().length)
                        .append(" bytes\n")
                        .append("  ")
                        .append(manifest.description())
                        .append('\n')
                        .append("  features ")
                        .append(m.get("features"))
                        .append('\n')
                        .append("  outputs ")
                        .append(m.get("outputs"))
                        .append('\n');
            }
            session.print(
                    version != null ? shown.get(0) : shown, text.toString().stripTrailing());
            return 0;
        }

        private static String sha256(byte[] bytes) {
            try {
                return HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
