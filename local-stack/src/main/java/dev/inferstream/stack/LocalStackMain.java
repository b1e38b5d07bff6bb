/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Command line of the local stack: {@code start | stop | status}, and {@code supervise} for its own process. */
public final class LocalStackMain {
    private static final String USAGE = """
            usage: scripts/local-stack start|stop|status|env [--kafka-port N] [--controller-port N] [--registry-port N]
                                       [--keep-data true]
              start    start a Kafka broker (127.0.0.1:9092) and a schema registry (127.0.0.1:8081) in the background
              stop     stop them
              status   say whether they run and where (exit 3 when not)
              env      print export lines for the other tools: eval "$(scripts/local-stack env)"
              --help, --version""";

    private LocalStackMain() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        if (args.length == 0) {
            fail(USAGE);
        }
        if (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.println(USAGE);
            return;
        }
        if (args[0].equals("--version") || args[0].equals("-V")) {
            out.println("local-stack " + StackArtifacts.projectVersion());
            return;
        }
        Map<String, String> options = options(args);
        Path dir = Path.of(options.getOrDefault("--dir", ".local-stack"));
        StackConfig config = new StackConfig(
                dir,
                port(options, "--kafka-port", 9092),
                port(options, "--controller-port", 9093),
                port(options, "--registry-port", 8081),
                Boolean.parseBoolean(options.getOrDefault("--keep-data", "false")));
        switch (args[0]) {
            case "start" -> {
                StackState state = LocalStack.start(config, -1);
                out.println("local stack ready");
                describe(out, state, config.dir());
            }
            case "stop" -> out.println(LocalStack.stop(dir) ? "local stack stopped" : "local stack was not running");
            case "status" -> {
                Optional<StackState> state = LocalStack.status(dir);
                if (state.isPresent() && state.get().ready() && state.get().supervisorAlive()) {
                    out.println("local stack running");
                    describe(out, state.get(), config.dir());
                } else {
                    out.println("local stack not running");
                    System.exit(3);
                }
            }
            case "supervise" -> new Supervisor(config, Long.parseLong(options.getOrDefault("--owner-pid", "-1"))).run();
            default -> fail("unknown command '" + args[0] + "'\n" + USAGE);
        }
    }

    private static void describe(PrintStream out, StackState state, Path dir) {
        out.println("  bootstrap.servers   = " + state.bootstrapServers());
        out.println("  schema.registry.url = " + state.registryUrl());
        out.println("  logs                = " + dir.resolve("logs"));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                fail("unexpected argument '" + args[i] + "'\n" + USAGE);
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static int port(Map<String, String> options, String key, int fallback) {
        String value = options.get(key);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            fail(key + " takes a port number, not '" + value + "'");
            return fallback;
        }
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
