/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up the scorer's integration tests share: for each test a {@link ScorerFixture} on the shared stack (fresh
 * topics of 2 partitions, a model repository in the test's temporary folder) with version 1 of model {@code fraud}
 * published. A subclass's own {@code @BeforeEach} runs after it.
 */
@ExtendWith(LocalStackExtension.class)
abstract class WithScorerFixture {
    @TempDir
    Path dir;

    ScorerFixture fx;

    @BeforeEach
    void createFixture(TestStack stack) throws Exception {
        fx = new ScorerFixture(stack, dir, 2);
        fx.publish("fraud", 1);
    }
}
