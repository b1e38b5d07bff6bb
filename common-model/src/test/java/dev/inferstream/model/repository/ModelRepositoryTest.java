/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRepositoryTest {
    @TempDir
    Path dir;

    @Test
    void listsModelsAndCompleteVersionsInOrder() throws IOException {
        LocalModelRepository repo = new LocalModelRepository(dir);
        repo.publish(new ModelRef("fraud", 2), bytes("m2"), bytes("o2"));
        repo.publish(new ModelRef("fraud", 10), bytes("m10"), bytes("o10"));
        repo.publish(new ModelRef("churn", 1), bytes("m"), bytes("o"));
        Files.createDirectories(dir.resolve("fraud/11"));
        Files.writeString(dir.resolve("fraud/11/model.onnx"), "half published");
        Files.createDirectories(dir.resolve("fraud/notes"));

        ModelRepository opened = ModelRepository.open(dir.toUri().toString());

        assertThat(opened.models()).containsExactly("churn", "fraud");
        assertThat(opened.versions("fraud")).containsExactly(2, 10);
        assertThat(opened.latestVersion("fraud")).isEqualTo(10);
        assertThat(opened.versions("nope")).isEmpty();
        ModelArtifact artifact = opened.fetch(new ModelRef("fraud", 10));
        assertThat(artifact.manifest()).isEqualTo(bytes("m10"));
        assertThat(artifact.onnx()).isEqualTo(bytes("o10"));
    }

    @Test
    void attachmentsArePublishedBesideTheManifestAndReadByName() throws IOException {
        LocalModelRepository repo = new LocalModelRepository(dir);
        repo.publish(
                new ModelRef("fraud", 1), bytes("m"), bytes("o"), java.util.Map.of("background.csv", bytes("f0\n1\n")));

        ModelArtifact artifact = ModelRepository.open(dir.toString()).fetch(new ModelRef("fraud", 1));

        assertThat(artifact.attachments().read("background.csv")).isEqualTo(bytes("f0\n1\n"));
        assertThatThrownBy(() -> artifact.attachments().read("../../escape.csv"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is not a file name in");
        assertThatThrownBy(() -> repo.publish(
                        new ModelRef("fraud", 2), bytes("m"), bytes("o"), java.util.Map.of("../x.csv", bytes("x"))))
                .isInstanceOf(IOException.class);
    }

    @Test
    void publishedVersionsAreImmutable() throws IOException {
        LocalModelRepository repo = new LocalModelRepository(dir);
        repo.publish(new ModelRef("fraud", 1), bytes("m"), bytes("o"));
        assertThatThrownBy(() -> repo.publish(new ModelRef("fraud", 1), bytes("m"), bytes("x")))
                .hasMessageContaining("versions are immutable");
    }

    @Test
    void readsARepositoryOverHttpWithIndexFiles() throws IOException {
        LocalModelRepository repo = new LocalModelRepository(dir);
        repo.publish(
                new ModelRef("fraud", 3),
                bytes("manifest"),
                bytes("onnx"),
                java.util.Map.of("background.csv", bytes("f0\n1\n")));
        Files.writeString(dir.resolve("models"), "fraud\n");
        Files.writeString(dir.resolve("fraud/versions"), "# published\n3\n");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/repo/", exchange -> {
            Path file = dir.resolve(exchange.getRequestURI().getPath().substring("/repo/".length()));
            byte[] body = Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
            exchange.sendResponseHeaders(Files.isRegularFile(file) ? 200 : 404, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            ModelRepository http = ModelRepository.open(
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/repo");
            assertThat(http.models()).containsExactly("fraud");
            assertThat(http.versions("fraud")).containsExactly(3);
            assertThat(http.versions("unknown")).isEmpty();
            ModelArtifact artifact = http.fetch(new ModelRef("fraud", 3));
            assertThat(artifact.onnx()).isEqualTo(bytes("onnx"));
            assertThat(artifact.attachments().read("background.csv")).isEqualTo(bytes("f0\n1\n"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void refusesBadNamesAndReferences() {
        assertThatThrownBy(() -> new ModelRef("../etc", 1)).hasMessageContaining("model name '../etc'");
        assertThatThrownBy(() -> ModelRef.parse("fraud")).hasMessageContaining("write name/version");
        assertThat(ModelRef.parse("fraud/3")).isEqualTo(new ModelRef("fraud", 3));
        assertThatThrownBy(() -> ModelRepository.open(" ")).hasMessageContaining("location is empty");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
