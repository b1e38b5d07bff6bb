/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Where the broker's jars and the registry's archive are. In a source tree Maven resolved both when this module
 * was built; an installed distribution sets {@code INFERSTREAM_KAFKA_CLASSPATH} to its own {@code lib/} and fetches
 * the registry archive once from Maven Central into the cache (or takes {@code INFERSTREAM_REGISTRY_ARCHIVE}).
 */
record StackArtifacts(String kafkaClasspath, Path builtArchive, String apicurioVersion) {
    static final String KAFKA_CLASSPATH_ENV = "INFERSTREAM_KAFKA_CLASSPATH";
    static final String REGISTRY_ARCHIVE_ENV = "INFERSTREAM_REGISTRY_ARCHIVE";
    static final String MAVEN_REPOSITORY_ENV = "INFERSTREAM_MAVEN_REPOSITORY";
    private static final String CENTRAL = "https://repo.maven.apache.org/maven2";

    static StackArtifacts load() {
        Properties props = properties();
        String classpath = System.getenv(KAFKA_CLASSPATH_ENV);
        return new StackArtifacts(
                classpath != null && !classpath.isBlank() ? classpath : props.getProperty("kafka.classpath"),
                Path.of(props.getProperty("apicurio.archive")),
                props.getProperty("apicurio.version"));
    }

    /** The directory the registry is unpacked into, shared by every stack of this user. */
    static Path cacheRoot() throws IOException {
        String configured = System.getProperty("inferstream.stack.cache");
        Path root = configured != null
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "inferstream");
        Files.createDirectories(root);
        return root;
    }

    /**
     * The registry archive: {@code INFERSTREAM_REGISTRY_ARCHIVE} when set, else the one Maven resolved at build
     * time, else a copy in {@code cacheRoot}, downloaded and checked against its published SHA-1 the first time.
     */
    Path registryArchive(Path cacheRoot) throws IOException, InterruptedException {
        String configured = System.getenv(REGISTRY_ARCHIVE_ENV);
        if (configured != null && !configured.isBlank()) {
            Path archive = Path.of(configured);
            if (!Files.isRegularFile(archive)) {
                throw new IOException(REGISTRY_ARCHIVE_ENV + " names " + archive + ", which is not a file: point it "
                        + "to apicurio-registry-app-" + apicurioVersion + "-all.tar.gz or unset it to download it");
            }
            return archive;
        }
        if (Files.isRegularFile(builtArchive)) {
            return builtArchive;
        }
        String name = "apicurio-registry-app-" + apicurioVersion + "-all.tar.gz";
        Path cached = cacheRoot.resolve(name);
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        String repository =
                System.getenv().getOrDefault(MAVEN_REPOSITORY_ENV, CENTRAL).replaceAll("/+$", "");
        String url = repository + "/io/apicurio/apicurio-registry-app/" + apicurioVersion + "/" + name;
        System.err.println("fetching the schema registry (about 140 MB, once) from " + url);
        download(url, cached);
        return cached;
    }

    /**
     * The libraries the supervisor needs besides this module (commons-compress and its dependencies): an installed
     * distribution's {@code lib/} holds them, a source tree's Maven repository otherwise.
     */
    static String supervisorClasspath() {
        String installed = System.getenv(KAFKA_CLASSPATH_ENV);
        return installed != null && !installed.isBlank()
                ? installed
                : properties().getProperty("supervisor.classpath");
    }

    /** The project's version, for {@code --version}. */
    static String projectVersion() {
        return properties().getProperty("project.version");
    }

    private static Properties properties() {
        Properties props = new Properties();
        try (InputStream in = StackArtifacts.class.getResourceAsStream("artifacts.properties")) {
            if (in == null) {
                throw new IllegalStateException("artifacts.properties is missing: rebuild the local-stack module");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }

    /** Unpacks the registry once into {@code cacheRoot} and returns its runner jar. */
    Path apicurioRunner(Path cacheRoot) throws IOException, InterruptedException {
        Path home = cacheRoot.resolve("apicurio-registry-" + apicurioVersion);
        Path runner = home.resolve("apicurio-registry-app-" + apicurioVersion + "-runner.jar");
        if (Files.isRegularFile(home.resolve(".complete"))) {
            return runner;
        }
        Path archive = registryArchive(cacheRoot);
        Path staging = Files.createTempDirectory(cacheRoot, "apicurio-unpack");
        Archives.extractTarGz(archive, staging);
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

    private static void download(String url, Path target) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        String expected;
        try {
            HttpResponse<String> sha = http.send(
                    HttpRequest.newBuilder(URI.create(url + ".sha1")).build(), HttpResponse.BodyHandlers.ofString());
            if (sha.statusCode() != 200) {
                throw new IOException("HTTP " + sha.statusCode());
            }
            expected = sha.body().trim().split("\\s+")[0];
        } catch (IOException e) {
            throw new IOException(
                    "cannot fetch " + url + ".sha1 (" + e.getMessage() + "): without network access, "
                            + "download the archive elsewhere and set " + REGISTRY_ARCHIVE_ENV + " to it, or point "
                            + MAVEN_REPOSITORY_ENV + " to a Maven repository mirror",
                    e);
        }
        Path partial = Files.createTempFile(target.getParent(), "registry", ".part");
        try {
            HttpResponse<Path> response = http.send(
                    HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() != 200) {
                throw new IOException("cannot fetch " + url + ": HTTP " + response.statusCode());
            }
            String actual = sha1(partial);
            if (!actual.equalsIgnoreCase(expected)) {
                throw new IOException("the registry archive from " + url + " has SHA-1 " + actual + " but " + expected
                        + " was published: try again, or set " + REGISTRY_ARCHIVE_ENV);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static String sha1(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
