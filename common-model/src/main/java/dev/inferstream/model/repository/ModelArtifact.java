package dev.inferstream.model.repository;

/** The two files of a model version as fetched from a repository, with where they came from. */
public record ModelArtifact(ModelRef ref, byte[] manifest, byte[] onnx, String location) {}
