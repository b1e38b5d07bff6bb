/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.auth;

/** A signed-in person: the name recorded as {@code changedBy} with every change they make, and their role. */
public record User(String name, Role role) {
    public boolean may(Role needed) {
        return role.allows(needed);
    }
}
