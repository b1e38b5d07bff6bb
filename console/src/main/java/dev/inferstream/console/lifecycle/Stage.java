/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.lifecycle;

import java.util.Locale;

/** Where a model version, or a model, is in its lifecycle, in the order a version moves through it. */
public enum Stage {
    /** In the repository, never deployed. */
    PUBLISHED("scored by no traffic yet"),
    /** Scores every record next to production; its predictions go to the shadow topic only. */
    SHADOW("scores a copy of the traffic; its predictions are compared, never served"),
    /** Serves a share of the keys: a canary, an A/B arm, a bandit arm, an ensemble member or a cascade stage. */
    CANARY("serves part of the traffic next to the stable version"),
    /** The stable version: serves all traffic no other pattern claims. */
    SERVING("serves the traffic"),
    /** Was deployed once and serves nothing now. */
    RETIRED("served traffic once; serves nothing now");

    private final String meaning;

    Stage(String meaning) {
        this.meaning = meaning;
    }

    /** One sentence for a person who has not read the README. */
    public String meaning() {
        return meaning;
    }

    public String label() {
        return this == CANARY ? "canary / experiment" : name().toLowerCase(Locale.ROOT);
    }

    public String css() {
        return name().toLowerCase(Locale.ROOT);
    }
}
