/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The project's version (the root pom's), as every command line prints it with {@code --version}.
 *
 * <pre>{@code
 * out.println("scorerctl " + ProjectVersion.get());
 * }</pre>
 */
public final class ProjectVersion {
    private static final String VERSION = load();

    private ProjectVersion() {}

    /** The version this build was made from, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String get() {
        return VERSION;
    }

    /** {@code <tool> <version>}, the line a {@code --version} option prints. */
    public static String line(String tool) {
        return tool + " " + VERSION;
    }

    private static String load() {
        Properties props = new Properties();
        try (InputStream in = ProjectVersion.class.getResourceAsStream("project.properties")) {
            if (in == null) {
                throw new IllegalStateException("project.properties is missing from the schemas jar: rebuild it");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props.getProperty("version");
    }
}
