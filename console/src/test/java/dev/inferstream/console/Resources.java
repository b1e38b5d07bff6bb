/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console;

/** What a test class started (scorers, consoles, producers, browsers), closed in one call after its tests. */
public final class Resources {
    private Resources() {}

    /**
     * Closes each resource that was started (null: never started), in the order given; every one is closed even
     * when another fails, and the first failure is thrown with the others suppressed.
     */
    public static void closeAll(AutoCloseable... resources) throws Exception {
        Exception failure = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
