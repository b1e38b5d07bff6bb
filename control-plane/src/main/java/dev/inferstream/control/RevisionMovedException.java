/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

/**
 * A deployment refused because another writer changed the model after this one read it: the compare-and-set of
 * {@link ControlPlane#publish} lost. Nothing was written; re-read the current deployment and decide again.
 */
public final class RevisionMovedException extends RolloutException {
    private final String model;
    private final long read;
    private final long current;

    RevisionMovedException(String model, long read, long current, String changedBy) {
        super(model + ": revision moved from " + read + " to " + current + " by " + changedBy + ": re-read and retry");
        this.model = model;
        this.read = read;
        this.current = current;
    }

    /** Fenced by a concurrent writer of the same model before the revision it will publish is visible. */
    RevisionMovedException(String model, long read) {
        super(model + ": revision " + read + " is being changed by another writer at the same moment (this write was"
                + " fenced and not published): re-read and retry");
        this.model = model;
        this.read = read;
        this.current = read;
    }

    public String model() {
        return model;
    }

    /** The revision the refused change was based on. */
    public long read() {
        return read;
    }

    /** The revision found when publishing (equal to {@link #read} when fenced before the other write was visible). */
    public long current() {
        return current;
    }
}
