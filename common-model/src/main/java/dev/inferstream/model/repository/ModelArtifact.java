/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.repository;

/** The two files of a model version as fetched from a repository, with where they came from. */
public record ModelArtifact(ModelRef ref, byte[] manifest, byte[] onnx, String location) {}
