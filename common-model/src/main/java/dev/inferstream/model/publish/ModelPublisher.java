/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.publish;

import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.ModelLoadException;
import dev.inferstream.model.manifest.ExplainSpec;
import dev.inferstream.model.manifest.FieldSpec;
import dev.inferstream.model.manifest.InputSpec;
import dev.inferstream.model.manifest.ManifestException;
import dev.inferstream.model.manifest.ManifestParser;
import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelArtifact;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.repository.ModelRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publishes a folder holding {@code model.onnx} and {@code model.yaml} as a new version of a model: the version
 * is loaded and checked exactly as the scorers load it (manifest, checksum, manifest against the graph, warm-up)
 * before it is renamed into the repository in one step.
 *
 * <pre>{@code
 * Published p = ModelPublisher.publish(Path.of("my-model"), ModelRepository.open("models"), OptionalInt.empty());
 * }</pre>
 */
public final class ModelPublisher {
    private static final Pattern VERSION_LINE = Pattern.compile("(?m)^version:[ \\t]*[^\\s#]*");

    /** A version that was published: where it is and the SHA-256 of its {@code model.onnx}. */
    public record Published(ModelRef ref, String sha256, Path path) {}

    private ModelPublisher() {}

    /**
     * @param version the version to publish; empty: the next free one (the highest published + 1)
     * @throws PublishException when the folder, the manifest or the model is not publishable, or the version exists
     */
    public static Published publish(Path folder, ModelRepository repository, OptionalInt version) {
        if (!(repository instanceof LocalModelRepository local)) {
            throw new PublishException(
                    "cannot publish to " + repository.location() + ": HTTP repositories are read-only; publish to "
                            + "the folder the server serves (--repository <folder>)",
                    null);
        }
        byte[] onnx = read(folder, ModelRepository.MODEL, "export the model to ONNX into that folder");
        byte[] yaml = read(
                folder,
                ModelRepository.MANIFEST,
                "draft one with: scorerctl models init " + folder.resolve(ModelRepository.MODEL));
        ModelManifest draft = parse(yaml, folder);
        placeholders(draft, folder);
        ModelRef ref = new ModelRef(draft.name(), chooseVersion(local, draft.name(), version));
        byte[] manifest = withVersion(yaml, ref.version());
        Map<String, byte[]> attachments = new HashMap<>();
        draft.explain()
                .flatMap(ExplainSpec::backgroundFile)
                .ifPresent(name -> attachments.put(
                        name, read(folder, name, "export the background rows that explain.background names")));
        String sha256 = check(new ModelArtifact(ref, manifest, onnx, folder.toString(), attachments(attachments)));
        try {
            Path path = local.publish(ref, manifest, onnx, attachments);
            return new Published(ref, sha256, path);
        } catch (IOException e) {
            throw new PublishException("cannot publish " + ref + " to " + local.location() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path folder, String file, String hint) {
        Path path = folder.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new PublishException(
                    (Files.isDirectory(folder) ? "folder " + folder + " has no " + file : "no folder " + folder) + ": "
                            + hint,
                    null);
        }
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new PublishException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static ModelManifest parse(byte[] yaml, Path folder) {
        try {
            return ManifestParser.parse(
                    yaml, folder.resolve(ModelRepository.MANIFEST).toString());
        } catch (ManifestException e) {
            throw new PublishException(e.getMessage(), e);
        }
    }

    private static void placeholders(ModelManifest manifest, Path folder) {
        List<String> left = new ArrayList<>();
        for (int i = 0; i < manifest.inputs().size(); i++) {
            InputSpec input = manifest.inputs().get(i);
            for (int f = 0; f < input.fields().size(); f++) {
                FieldSpec field = input.fields().get(f);
                if (field.path().text().startsWith(ManifestDraft.PLACEHOLDER)) {
                    left.add("inputs[" + i + "].fields[" + f + "] "
                            + field.path().text());
                }
            }
        }
        if (!left.isEmpty()) {
            String shown = String.join(", ", left.subList(0, Math.min(3, left.size())))
                    + (left.size() > 3 ? " and " + (left.size() - 3) + " more" : "");
            throw new PublishException(
                    folder.resolve(ModelRepository.MANIFEST) + " still has " + left.size() + " placeholder(s): " + shown
                            + "; replace each with the field of your records that feeds that value",
                    null);
        }
    }

    private static int chooseVersion(LocalModelRepository repo, String model, OptionalInt version) {
        List<Integer> published;
        try {
            published = repo.versions(model);
        } catch (IOException e) {
            throw new PublishException("cannot list " + model + " in " + repo.location() + ": " + e.getMessage(), e);
        }
        int next = published.isEmpty() ? 1 : published.get(published.size() - 1) + 1;
        if (version.isEmpty()) {
            return next;
        }
        if (published.contains(version.getAsInt())) {
            throw new PublishException(
                    model + "/" + version.getAsInt() + " is already published in " + repo.location()
                            + "; versions are immutable: publish " + next
                            + " (leave out --version for the next free one)",
                    null);
        }
        return version.getAsInt();
    }

    /** The manifest with its {@code version:} line set to {@code version}, comments and layout kept. */
    static byte[] withVersion(byte[] yaml, int version) {
        String text = new String(yaml, StandardCharsets.UTF_8);
        Matcher m = VERSION_LINE.matcher(text);
        if (!m.find()) {
            throw new PublishException("model.yaml has no top-level 'version:' line to set", null);
        }
        return (text.substring(0, m.start()) + "version: " + version + text.substring(m.end()))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static ModelArtifact.Attachments attachments(Map<String, byte[]> files) {
        return name -> {
            byte[] file = files.get(name);
            if (file == null) {
                throw new IOException(name + " is not a file the manifest names");
            }
            return file;
        };
    }

    /** Loads the version as a scorer would, then closes it; returns the SHA-256 of its graph. */
    private static String check(ModelArtifact artifact) {
        try {
            LoadedModel model = LoadedModel.load(artifact, InferenceOptions.defaults());
            String sha256 = model.sha256();
            model.retire();
            return sha256;
        } catch (ModelLoadException e) {
            throw new PublishException(e.getMessage(), e);
        }
    }
}
