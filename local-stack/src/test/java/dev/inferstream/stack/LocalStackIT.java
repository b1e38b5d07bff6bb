/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackIT {

    @Test
    void startsServesRestartsIdempotentlyAndStops(@TempDir Path dir) throws Exception {
        StackState state = LocalStack.start(
                StackConfig.ephemeral(dir), ProcessHandle.current().pid());
        try {
            assertThat(state.ready()).isTrue();
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, state.bootstrapServers()))) {
                assertThat(admin.describeCluster().nodes().get()).hasSize(1);
            }
            HttpResponse<String> subjects = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(state.registryUrl() + "/subjects"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(subjects.statusCode()).isEqualTo(200);

            StackState again = LocalStack.start(
                    StackConfig.ephemeral(dir), ProcessHandle.current().pid());
            assertThat(again.supervisorPid()).isEqualTo(state.supervisorPid());
            assertThat(LocalStack.status(dir))
                    .get()
                    .extracting(StackState::bootstrapServers)
                    .isEqualTo(state.bootstrapServers());
        } finally {
            assertThat(LocalStack.stop(dir)).isTrue();
        }
        assertThat(state.pids()).containsOnlyKeys("kafka-1", "registry");
        for (long pid : List.of(state.supervisorPid(), state.pid("kafka-1"), state.pid("registry"))) {
            assertThat(StackState.isAlive(pid))
                    .as("process %d alive after stop", pid)
                    .isFalse();
        }
        assertThat(LocalStack.stop(dir)).isFalse();
    }

    @Test
    void refusesToStartWhenAPortIsTaken(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StackConfig config = new StackConfig(dir, taken.getLocalPort(), 0, 0, false);
            assertThatThrownBy(() ->
                            LocalStack.start(config, ProcessHandle.current().pid()))
                    .hasMessageContaining("port " + taken.getLocalPort())
                    .hasMessageContaining("already in use");
        }
    }
}
