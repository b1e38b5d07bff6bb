/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import dev.inferstream.control.RolloutException;
import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.model.publish.ManifestDraft;
import dev.inferstream.model.publish.ModelPublisher;
import dev.inferstream.model.publish.PublishException;
import dev.inferstream.model.repository.ModelArtifact;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.repository.ModelRepository;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code scorerctl models}: what the model repository holds, drafting a manifest and publishing a version. */
@Command(
        name = "models",
        description = "What the model repository holds; draft a manifest and publish a version",
        subcommands = {
            ModelsCommand.ListModels.class,
            ModelsCommand.Show.class,
            ModelsCommand.Init.class,
            ModelsCommand.Publish.class
        })
final class ModelsCommand {
    @ParentCommand
    ScorerCtl root;

    /** A subcommand that works with the model repository only: no Kafka, no registry. */
    abstract static class RepositoryCommand implements Callable<Integer> {
        @ParentCommand
        ModelsCommand models;

        @Spec
        CommandSpec spec;

        /** A session on the repository, printing to this command's output. */
        Session session() {
            return models.root.offlineSession(spec.commandLine().getOut());
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "Every model and its published versions")
    static final class ListModels extends RepositoryCommand {
        @Override
        public Integer call() throws IOException {
            Session session = session();
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

    @Command(
            mixinStandardHelpOptions = true,
            name = "show",
            description = "A model's versions with their sha256 and manifest (or one version's)")
    static final class Show extends RepositoryCommand {
        @Parameters(index = "0", paramLabel = "MODEL")
        String model;

        @Parameters(index = "1", paramLabel = "VERSION", arity = "0..1")
        Integer version;

        @Override
        public Integer call() throws IOException {
            Session session = session();
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

    @Command(
            mixinStandardHelpOptions = true,
            name = "init",
            description = "Draft a model.yaml from an ONNX graph: inputs with type and width, outputs with a guessed "
                    + "kind, a placeholder per field to replace with your records' field names")
    static final class Init implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The exported model")
        Path onnx;

        @Option(names = "--name", description = "Model name in the repository (default: the folder's name)")
        String name;

        @Option(
                names = "--output",
                paramLabel = "FILE",
                description = "Where to write the draft (default: model.yaml next to the ONNX file)")
        Path output;

        @Option(names = "--force", description = "Overwrite an existing model.yaml")
        boolean force;

        @Override
        public Integer call() throws IOException {
            if (!Files.isRegularFile(onnx)) {
                throw new RolloutException("no file " + onnx + ": give the path of the exported model.onnx");
            }
            Path folder = onnx.toAbsolutePath().getParent();
            String model = name != null ? name : folder.getFileName().toString();
            Path target = output != null ? output : folder.resolve(ModelRepository.MANIFEST);
            if (Files.exists(target) && !force) {
                throw new RolloutException(target + " exists already: edit it, or pass --force to draft it again");
            }
            String yaml;
            try {
                yaml = ManifestDraft.from(Files.readAllBytes(onnx), model);
            } catch (IllegalArgumentException e) {
                throw new RolloutException(onnx + ": " + e.getMessage());
            }
            Files.writeString(target, yaml);
            PrintWriter out = spec.commandLine().getOut();
            out.println("wrote " + target + ": replace each " + ManifestDraft.PLACEHOLDER
                    + "field_N with a field of your records, name the classes, then run");
            out.println("  scorerctl models publish " + folder);
            out.flush();
            return 0;
        }
    }

    @Command(
            mixinStandardHelpOptions = false, // its --version is the model version: help only
            name = "publish",
            description = "Check a folder holding model.onnx and model.yaml exactly as the scorers load it, then "
                    + "publish it as a new version of the repository (--repository), atomically")
    static final class Publish extends RepositoryCommand {
        @Parameters(index = "0", paramLabel = "FOLDER", description = "Holds model.onnx and model.yaml")
        Path folder;

        @Mixin
        HelpOnly help;

        @Option(names = "--version", paramLabel = "N", description = "Version to publish (default: the next free one)")
        Integer version;

        @Override
        public Integer call() {
            Session session = session();
            ModelPublisher.Published published;
            try {
                published = ModelPublisher.publish(
                        folder, session.repository(), version == null ? OptionalInt.empty() : OptionalInt.of(version));
            } catch (PublishException e) {
                throw new RolloutException(e.getMessage());
            }
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("model", published.ref().name());
            shown.put("version", published.ref().version());
            shown.put("sha256", published.sha256());
            shown.put("path", published.path().toString());
            session.print(
                    shown,
                    "published " + published.ref() + " to " + published.path() + "\n  sha256 " + published.sha256());
            return 0;
        }
    }
}
