/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A repository in a local (or mounted) folder. Versions only count once both files are in place. */
public final class LocalModelRepository implements ModelRepository {
    private final Path root;

    /** The repository in folder {@code root} ({@code <root>/<model>/<version>/}). */
    public LocalModelRepository(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public List<String> models() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, "model repository folder does not exist");
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    @Override
    public List<Integer> versions(String model) throws IOException {
        Path dir = root.resolve(model);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> p.getFileName().toString().matches("[1-9][0-9]{0,8}"))
                    .filter(p -> Files.isRegularFile(p.resolve(MODEL)) && Files.isRegularFile(p.resolve(MANIFEST)))
                    .map(p -> Integer.parseInt(p.getFileName().toString()))
                    .sorted()
                    .toList();
        }
    }

    @Override
    public ModelArtifact fetch(ModelRef ref) throws IOException {
        Path dir = root.resolve(ref.name()).resolve(Integer.toString(ref.version()));
        return new ModelArtifact(
                ref,
                Files.readAllBytes(dir.resolve(MANIFEST)),
                Files.readAllBytes(dir.resolve(MODEL)),
                dir.toString(),
                name -> Files.readAllBytes(attachment(dir, name)));
    }

    private static Path attachment(Path dir, String name) throws IOException {
        Path file = dir.resolve(name).normalize();
        if (!dir.equals(file.getParent())) {
            throw new IOException("'" + name + "' is not a file name in " + dir);
        }
        return file;
    }

    /**
     * Publishes a version: writes both files to a hidden staging folder, then renames it into place, so readers
     * never see half a version. Fails if the version exists (versions are immutable).
     */
    public Path publish(ModelRef ref, byte[] manifest, byte[] onnx) throws IOException {
        return publish(ref, manifest, onnx, Map.of());
    }

    /**
     * Publishes a version with attachments: files beside {@code model.yaml} that the manifest names, e.g. the
     * background data of explanations. Same guarantees as {@link #publish(ModelRef, byte[], byte[])}.
     */
    public Path publish(ModelRef ref, byte[] manifest, byte[] onnx, Map<String, byte[]> attachments)
            throws IOException {
        Path modelDir = Files.createDirectories(root.resolve(ref.name()));
        Path target = modelDir.resolve(Integer.toString(ref.version()));
        if (Files.exists(target)) {
            throw new IOException(ref + " is already published at " + target + "; versions are immutable, "
                    + "publish a new version number instead");
        }
        Path staging = Files.createTempDirectory(modelDir, "." + ref.version() + "-staging");
        Files.write(staging.resolve(MODEL), onnx);
        for (Map.Entry<String, byte[]> file : attachments.entrySet()) {
            Files.write(attachment(staging, file.getKey()), file.getValue());
        }
        Files.write(staging.resolve(MANIFEST), manifest);
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    @Override
    public String location() {
        return root.toString();
    }
}
