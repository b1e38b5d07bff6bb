/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code --name value} options of a local-stack or flink-cluster command line. A usage error ends the JVM with
 * exit code 2 and a message that names the option.
 */
final class CommandOptions {
    private final Map<String, String> values;

    private CommandOptions(Map<String, String> values) {
        this.values = values;
    }

    /** The options from {@code args[from]} on; anything but {@code --name value} pairs fails with {@code usage}. */
    static CommandOptions parse(String[] args, int from, String usage) {
        Map<String, String> values = new HashMap<>();
        for (int i = from; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                fail("unexpected argument '" + args[i] + "'\n" + usage);
            }
            values.put(args[i], args[i + 1]);
        }
        return new CommandOptions(values);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** The option's whole number; a value that is none fails, saying the option takes {@code what}. */
    int number(String name, int fallback, String what) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            fail(name + " takes " + what + ", not '" + value + "'");
            return fallback;
        }
    }

    /** Prints {@code message} to standard error and exits with code 2, the exit code of a usage error. */
    static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
