/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.catalog;

import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.model.repository.ModelRef;
import java.time.Instant;

/**
 * One published version as the catalog shows it.
 *
 * @param publishedAt when the version appeared in the repository (its folder's time), null when unknown
 * @param manifestText model.yaml as published
 */
public record VersionInfo(
        ModelRef ref,
        ModelManifest manifest,
        String manifestText,
        String sha256,
        long sizeBytes,
        Instant publishedAt) {}
