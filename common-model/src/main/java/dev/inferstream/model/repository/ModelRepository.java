/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.repository;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Where model versions are published: {@code <repository>/<model>/<version>/model.onnx} and {@code model.yaml},
 * versions being positive integers. A version directory is immutable once published.
 *
 * <pre>{@code
 * ModelRepository repo = ModelRepository.open("models");                    // a local folder
 * ModelRepository repo = ModelRepository.open("https://models.example/repo"); // over HTTP
 * }</pre>
 */
public interface ModelRepository {
    String MANIFEST = "model.yaml";
    String MODEL = "model.onnx";

    /** Opens a local folder, a {@code file:} URI or an {@code http(s):} URI. */
    static ModelRepository open(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("model repository location is empty: give a folder or an http(s) URL");
        }
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return new HttpModelRepository(URI.create(location));
        }
        Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        return new LocalModelRepository(path);
    }

    /** Model names, sorted. */
    List<String> models() throws IOException;

    /** Published versions of {@code model}, ascending; empty when the model is unknown. */
    List<Integer> versions(String model) throws IOException;

    ModelArtifact fetch(ModelRef ref) throws IOException;

    /** Where this repository is, for messages. */
    String location();

    /** The highest published version, or -1 when there is none. */
    default int latestVersion(String model) throws IOException {
        List<Integer> versions = versions(model);
        return versions.isEmpty() ? -1 : versions.get(versions.size() - 1);
    }
}
