/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JobShutdownHooksTest {

    @Test
    void runsAndRemovesOnlyTheHooksRegisteredUnderTheJobsClassLoader() throws Exception {
        AtomicInteger jobHookRuns = new AtomicInteger();
        try (URLClassLoader job = new URLClassLoader(new URL[0]);
                URLClassLoader other = new URLClassLoader(new URL[0])) {
            Thread jobHook = new Thread(jobHookRuns::incrementAndGet);
            jobHook.setContextClassLoader(job);
            Thread otherHook = new Thread(() -> {});
            otherHook.setContextClassLoader(other);
            Runtime.getRuntime().addShutdownHook(jobHook);
            Runtime.getRuntime().addShutdownHook(otherHook);

            JobShutdownHooks.releaseFor(job, null).run();

            assertThat(jobHookRuns).hasValue(1);
            assertThat(Runtime.getRuntime().removeShutdownHook(jobHook))
                    .as("job hook still registered")
                    .isFalse();
            assertThat(Runtime.getRuntime().removeShutdownHook(otherHook))
                    .as("other hook still registered")
                    .isTrue();
        }
    }
}
