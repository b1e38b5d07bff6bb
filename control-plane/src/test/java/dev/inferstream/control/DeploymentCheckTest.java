/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.testkit.onnx.TestModels;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentCheckTest {
    @TempDir
    Path dir;

    @Test
    void refusesVersionsThatAreNotPublished() throws Exception {
        LocalModelRepository repo = new LocalModelRepository(dir);
        publish(repo, 1);
        Deployment v1 = RolloutChanges.deploy("fraud", 1).next(null, "alice", null, Instant.now());
        assertThatCode(() -> DeploymentCheck.check(v1, repo)).doesNotThrowAnyException();

        Deployment canary = RolloutChanges.canary("fraud", 2, BigDecimal.ONE, RolloutChanges.Gates.none())
                .next(v1, "alice", null, Instant.now());
        assertThatThrownBy(() -> DeploymentCheck.check(canary, repo))
                .isInstanceOf(RolloutException.class)
                .hasMessageContaining("refused: fraud version(s) [2] are not published")
                .hasMessageContaining("published: [1]");
    }

    private static void publish(LocalModelRepository repo, int version) throws Exception {
        repo.publish(
                new ModelRef("fraud", version),
                TestModels.manifest("fraud", version, 4, TestModels.BINARY_OUTPUTS)
                        .getBytes(StandardCharsets.UTF_8),
                TestModels.mlp(4, 8, 4, 2, version));
    }
}
