/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.oip;

/** The transport a request came over; its name is the lineage source system of the request's predictions. */
public enum Protocol {
    REST("rest"),
    GRPC("grpc");

    private final String label;

    Protocol(String label) {
        this.label = label;
    }

    /** {@code rest} or {@code grpc}: the prediction's {@code source.system} and the metrics' protocol label. */
    public String label() {
        return label;
    }
}
