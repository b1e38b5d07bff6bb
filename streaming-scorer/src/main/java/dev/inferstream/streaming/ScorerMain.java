/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import dev.inferstream.schemas.ProjectVersion;
import dev.inferstream.streaming.config.ConfigException;
import dev.inferstream.streaming.config.ScorerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar streaming-scorer.jar --config scorer.properties}: start, run until SIGTERM, stop cleanly. */
public final class ScorerMain {
    private ScorerMain() {}

    private static final String USAGE = """
            usage: java -jar streaming-scorer.jar --config <scorer.properties>
              Scores the records of each configured route's input topic and writes predictions (and dead letters).
              The configuration keys are in README.md (Streaming scorer > Configuration).
              --help       print this help
              --version    print the version""";

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(USAGE);
            System.exit(0);
        }
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            System.out.println(ProjectVersion.line("streaming-scorer"));
            System.exit(0);
        }
        if (args.length != 2 || !args[0].equals("--config")) {
            System.err.println(USAGE);
            System.exit(2);
        }
        if (!Files.isRegularFile(Path.of(args[1]))) {
            System.err.println("streaming scorer cannot start: no configuration file " + args[1]);
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
