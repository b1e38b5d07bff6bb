/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inferstream.console.config.ConfigException;
import org.junit.jupiter.api.Test;

class UsersTest {
    private static final String HASH = Passwords.hash("s3cret-pw".toCharArray(), 1_000);

    @Test
    void signsInWithTheRightPasswordAndGivesTheRole() {
        Users users = Users.parse("alice = operator " + HASH + "\nbob = viewer " + HASH + "\n");
        assertThat(users.authenticate("alice", "s3cret-pw".toCharArray())).contains(new User("alice", Role.OPERATOR));
        assertThat(users.authenticate("bob", "s3cret-pw".toCharArray())).contains(new User("bob", Role.VIEWER));
        assertThat(users.authenticate("alice", "wrong".toCharArray())).isEmpty();
        assertThat(users.authenticate("mallory", "s3cret-pw".toCharArray())).isEmpty();
    }

    @Test
    void everyMalformedLineIsNamedAndAPlainPasswordIsRefused() {
        assertThatThrownBy(() -> Users.parse("alice = owner " + HASH + "\nbob = viewer hunter2\ncarol = admin\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("3 problem(s)")
                .hasMessageContaining("user alice: unknown role 'owner'")
                .hasMessageContaining("user bob: the password must be a hash")
                .hasMessageContaining("user carol: write NAME = ROLE HASH");
    }

    @Test
    void rolesAreOrdered() {
        assertThat(Role.ADMIN.allows(Role.OPERATOR)).isTrue();
        assertThat(Role.OPERATOR.allows(Role.ADMIN)).isFalse();
        assertThat(Role.VIEWER.allows(Role.OPERATOR)).isFalse();
    }
}
