/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.auth;

import dev.inferstream.console.config.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The console's users, from a properties file: one line per user, {@code NAME = ROLE HASH}, where ROLE is viewer,
 * operator or admin and HASH comes from {@code console hash-password}. Passwords are never stored in clear.
 *
 * <pre>
 * alice = admin pbkdf2-sha256$600000$…$…
 * bob = viewer pbkdf2-sha256$600000$…$…
 * </pre>
 */
public final class Users {
    private record Account(Role role, String hash) {}

    /** Spent on an unknown name, so that a wrong name takes as long as a wrong password. */
    private static final String DUMMY = Passwords.hash("not a password".toCharArray());

    private final Map<String, Account> accounts;

    private Users(Map<String, Account> accounts) {
        this.accounts = Map.copyOf(accounts);
    }

    /** @throws ConfigException listing every malformed line */
    public static Users load(Path file) {
        try {
            return parse(Files.newBufferedReader(file), file.toString());
        } catch (IOException e) {
            throw new ConfigException(List.of("cannot read the users file " + file + ": " + e.getMessage()));
        }
    }

    public static Users parse(String text) {
        return parse(new StringReader(text), "users");
    }

    private static Users parse(Reader reader, String source) {
        Properties lines = new Properties();
        try (reader) {
            lines.load(reader);
        } catch (IOException e) {
            throw new ConfigException(List.of("cannot read " + source + ": " + e.getMessage()));
        }
        Map<String, Account> accounts = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        lines.forEach((k, v) -> {
            String name = k.toString().trim();
            String[] roleHash = v.toString().trim().split("\\s+");
            if (roleHash.length != 2) {
                problems.add(
                        source + ": user " + name + ": write NAME = ROLE HASH (hash from 'console hash-password')");
                return;
            }
            try {
                Role role = Role.parse(roleHash[0]);
                if (!Passwords.isHash(roleHash[1])) {
                    problems.add(source + ": user " + name + ": the password must be a hash from "
                            + "'console hash-password', never the password itself");
                    return;
                }
                accounts.put(name, new Account(role, roleHash[1]));
            } catch (IllegalArgumentException e) {
                problems.add(source + ": user " + name + ": " + e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        if (accounts.isEmpty()) {
            throw new ConfigException(List.of(source + " names no user: add NAME = ROLE HASH lines"));
        }
        return new Users(accounts);
    }

    /** The user, when {@code password} is theirs. */
    public Optional<User> authenticate(String name, char[] password) {
        Account account = name == null ? null : accounts.get(name.trim());
        if (account == null) {
            Passwords.matches(password, DUMMY);
            return Optional.empty();
        }
        return Passwords.matches(password, account.hash())
                ? Optional.of(new User(name.trim(), account.role()))
                : Optional.empty();
    }

    public int size() {
        return accounts.size();
    }
}
