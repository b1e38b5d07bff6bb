/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.catalog;

import dev.inferstream.control.DeploymentCheck;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelArtifact;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.repository.ModelRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model repository as the console reads it: names and versions (listed again at most every few seconds) and
 * each version's manifest, checksum and size (read once: published versions never change).
 */
public final class Catalog {
    private static final Duration LISTING_TTL = Duration.ofSeconds(3);

    private final ModelRepository repository;
    private final Map<ModelRef, VersionInfo> versions = new ConcurrentHashMap<>();
    private volatile Map<String, List<Integer>> listing = Map.of();
    private volatile long listedAt;

    public Catalog(ModelRepository repository) {
        this.repository = repository;
    }

    public ModelRepository repository() {
        return repository;
    }

    /** Every model and its published versions, ascending. */
    public Map<String, List<Integer>> models() {
        if (System.nanoTime() - listedAt > LISTING_TTL.toNanos()) {
            refresh();
        }
        return listing;
    }

    public List<Integer> versions(String model) {
        return models().getOrDefault(model, List.of());
    }

    /** Forgets the listing, after a publish. */
    public void refresh() {
        try {
            Map<String, List<Integer>> fresh = new LinkedHashMap<>();
            for (String model : repository.models()) {
                fresh.put(model, repository.versions(model));
            }
            listing = fresh;
            listedAt = System.nanoTime();
        } catch (NoSuchFileException e) {
            // a repository folder not created yet holds no model; publishing creates it
            listing = Map.of();
            listedAt = System.nanoTime();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the model repository " + repository.location(), e);
        }
    }

    /** The version's manifest, checksum and size. */
    public VersionInfo version(String model, int version) {
        return versions.computeIfAbsent(new ModelRef(model, version), this::read);
    }

    private VersionInfo read(ModelRef ref) {
        try {
            ModelArtifact artifact = repository.fetch(ref);
            Instant published = null;
            if (repository instanceof LocalModelRepository local) {
                Path folder = local.root().resolve(ref.name()).resolve(Integer.toString(ref.version()));
                published = Files.getLastModifiedTime(folder).toInstant();
            }
            return new VersionInfo(
                    ref,
                    DeploymentCheck.manifest(repository, ref),
                    new String(artifact.manifest(), StandardCharsets.UTF_8),
                    sha256(artifact.onnx()),
                    artifact.onnx().length,
                    published);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ref + " from " + repository.location(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
