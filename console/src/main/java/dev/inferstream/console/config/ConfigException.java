/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.config;

import java.util.List;

/** The console's configuration has problems; the message lists every one. */
public final class ConfigException extends RuntimeException {
    public ConfigException(List<String> problems) {
        super("the console configuration has " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
    }
}
