/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Where the broker's jars and the registry's archive are, as resolved by Maven when this module was built. */
record StackArtifacts(String kafkaClasspath, Path apicurioArchive, String apicurioVersion) {

    static StackArtifacts load() {
        Properties props = new Properties();
        try (InputStream in = StackArtifacts.class.getResourceAsStream("artifacts.properties")) {
            if (in == null) {
                throw new IllegalStateException("artifacts.properties is missing: rebuild the local-stack module");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StackArtifacts artifacts = new StackArtifacts(
                props.getProperty("kafka.classpath"),
                Path.of(props.getProperty("apicurio.archive")),
                props.getProperty("apicurio.version"));
        if (!Files.isRegularFile(artifacts.apicurioArchive)) {
            throw new IllegalStateException("registry archive " + artifacts.apicurioArchive
                    + " is missing from the local Maven repository: run './mvnw -pl local-stack install' to fetch it");
        }
        return artifacts;
    }

    /** Unpacks the registry once into {@code cacheRoot} and returns its runner jar. */
    Path apicurioRunner(Path cacheRoot) throws IOException {
        Path home = cacheRoot.resolve("apicurio-registry-" + apicurioVersion);
        Path runner = home.resolve("apicurio-registry-app-" + apicurioVersion + "-runner.jar");
        if (Files.isRegularFile(home.resolve(".complete"))) {
            return runner;
        }
        Path staging = Files.createTempDirectory(cacheRoot, "apicurio-unpack");
        TarGz.extract(apicurioArchive, staging);
        Files.writeString(staging.resolve(".complete"), apicurioVersion);
        try {
            Files.move(staging, home);
        } catch (IOException raced) {
            if (!Files.isRegularFile(home.resolve(".complete"))) {
                throw raced;
            }
        }
        return runner;
    }
}
