/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Command line of the local stack: {@code start | stop | status | down | up}, and {@code supervise} for its own
 * process.
 */
public final class LocalStackMain {
    private static final String USAGE = """
            usage: scripts/local-stack start|stop|status|env [--kafka-port N] [--controller-port N] [--registry-port N]
                                       [--keep-data true] [--brokers 1|3] [--security none|sasl-ssl]
                   scripts/local-stack down NODE [--hard true] | up NODE
              start    start a Kafka broker (127.0.0.1:9092) and a schema registry (127.0.0.1:8081) in the background
                       --brokers 3: three KRaft nodes (each broker and controller; 9092, 9094, 9096), topics with
                       replication factor 3 and min.insync.replicas 2
                       --security sasl-ssl: SASL_SSL (SCRAM-SHA-512) with ACLs, the registry over HTTPS; the admin's
                       client config is written to security/admin.properties in the stack's folder
              stop     stop them
              status   say whether they run and where (exit 3 when not)
              env      print export lines for the other tools: eval "$(scripts/local-stack env)"
              down     take one node down (kafka-1, kafka-2, ..., registry); --hard true kills it (SIGKILL)
              up       start a node taken down again
              --help, --version""";

    private LocalStackMain() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        if (args.length == 0) {
            CommandOptions.fail(USAGE);
        }
        if (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.println(USAGE);
            return;
        }
        if (args[0].equals("--version") || args[0].equals("-V")) {
            out.println("local-stack " + StackArtifacts.projectVersion());
            return;
        }
        boolean nodeCommand = args[0].equals("down") || args[0].equals("up");
        if (nodeCommand && (args.length < 2 || args[1].startsWith("--"))) {
            CommandOptions.fail(args[0] + " needs a node: kafka-1, kafka-2, ... or registry\n" + USAGE);
        }
        CommandOptions options = CommandOptions.parse(args, nodeCommand ? 2 : 1, USAGE);
        Path dir = Path.of(options.get("--dir", ".local-stack"));
        StackConfig config = config(options, dir);
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
            case "down", "up" -> {
                try {
                    if (args[0].equals("down")) {
                        LocalStack.down(dir, args[1], Boolean.parseBoolean(options.get("--hard", "false")));
                    } else {
                        LocalStack.up(dir, args[1]);
                    }
                } catch (IOException e) {
                    System.err.println(e.getMessage());
                    System.exit(1);
                }
                out.println(args[1] + " is " + args[0]);
            }
            case "supervise" -> new Supervisor(config, Long.parseLong(options.get("--owner-pid", "-1"))).run();
            default -> CommandOptions.fail("unknown command '" + args[0] + "'\n" + USAGE);
        }
    }

    private static StackConfig config(CommandOptions options, Path dir) {
        int brokers = options.number("--brokers", 1, "a number of brokers (1 or 3)");
        try {
            return new StackConfig(
                            dir,
                            options.number("--kafka-port", 9092, "a port number"),
                            options.number("--controller-port", 9093, "a port number"),
                            options.number("--registry-port", 8081, "a port number"),
                            Boolean.parseBoolean(options.get("--keep-data", "false")))
                    .withBrokers(brokers)
                    .withSecurity(StackSecurity.parse(options.get("--security", "none")));
        } catch (IllegalArgumentException e) {
            CommandOptions.fail(e.getMessage());
            return null;
        }
    }

    private static void describe(PrintStream out, StackState state, Path dir) {
        out.println("  bootstrap.servers   = " + state.bootstrapServers());
        out.println("  schema.registry.url = " + state.registryUrl());
        if (state.secured()) {
            out.println("  client config       = " + state.clientConfig() + " (SASL_SSL, the admin super user)");
        }
        state.pids().forEach((node, pid) -> {
            if (pid < 0) {
                out.println("  " + node + " is down (scripts/local-stack up " + node + ")");
            }
        });
        out.println("  logs                = " + dir.resolve("logs"));
    }
}
