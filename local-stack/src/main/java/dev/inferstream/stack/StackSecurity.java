/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.util.Locale;

/** How clients reach a local stack. */
public enum StackSecurity {
    /** Plaintext Kafka, HTTP registry, no authorization: the quickstart's default. */
    NONE,
    /**
     * Kafka clients connect over {@code SASL_SSL} with SCRAM-SHA-512, every request is checked by KRaft's
     * {@code StandardAuthorizer} against ACLs, and the registry answers over HTTPS; certificates are made with the
     * JDK's keytool into the stack's {@code security/} folder.
     */
    SASL_SSL;

    /** The command-line spelling: {@code none} or {@code sasl-ssl}. */
    public String option() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@link #option()}; fails naming the choices. */
    public static StackSecurity parse(String option) {
        for (StackSecurity s : values()) {
            if (s.option().equalsIgnoreCase(option)) {
                return s;
            }
        }
        throw new IllegalArgumentException("--security takes none or sasl-ssl, not '" + option + "'");
    }
}
