/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.repository;

import java.io.IOException;

/**
 * The files of a model version as fetched from a repository, with where they came from. Besides the two files every
 * version has, {@code attachments} reads other files of the version's folder that the manifest names (e.g. the
 * background data of explanations) when they are needed.
 */
public record ModelArtifact(ModelRef ref, byte[] manifest, byte[] onnx, String location, Attachments attachments) {

    /** A version without attachments: reading one fails, naming where the version came from. */
    public ModelArtifact(ModelRef ref, byte[] manifest, byte[] onnx, String location) {
        this(ref, manifest, onnx, location, Attachments.none(location));
    }

    /** Reads a file beside {@code model.yaml} by its plain name. */
    @FunctionalInterface
    public interface Attachments {
        byte[] read(String name) throws IOException;

        /** For versions that come without a folder to read from. */
        static Attachments none(String location) {
            return name -> {
                throw new IOException(
                        "cannot read " + name + ": " + location + " provides only model.yaml and model.onnx");
            };
        }
    }
}
