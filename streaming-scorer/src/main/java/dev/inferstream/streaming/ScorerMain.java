/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import dev.inferstream.streaming.config.ConfigException;
import dev.inferstream.streaming.config.ScorerConfig;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar streaming-scorer.jar --config scorer.properties}: start, run until SIGTERM, stop cleanly. */
public final class ScorerMain {
    private ScorerMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2 || !args[0].equals("--config")) {
            System.err.println("usage: streaming-scorer --config <scorer.properties>");
            System.exit(2);
        }
        StreamingScorer scorer;
        try {
            scorer = StreamingScorer.start(ScorerConfig.load(Path.of(args[1])));
        } catch (ConfigException e) {
            System.err.println("streaming scorer cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            scorer.close();
                            stopped.countDown();
                        },
                        "scorer-shutdown"));
        stopped.await();
    }
}
