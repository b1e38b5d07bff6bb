/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.inference;

/**
 * How ONNX Runtime sessions run. The defaults suit stream processing: one intra-op thread per session (the
 * engine's own parallelism supplies the rest), no spinning threads, full graph optimisation.
 *
 * @param intraOpThreads threads one inference call may use
 * @param warmupRows rows scored once at load time, so the first real call pays no first-run allocation
 */
public record InferenceOptions(int intraOpThreads, int warmupRows) {

    public InferenceOptions {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intra-op threads must be at least 1, not " + intraOpThreads);
        }
        if (warmupRows < 0) {
            throw new IllegalArgumentException("warm-up rows must not be negative");
        }
    }

    /** One intra-op thread per session and 64 warm-up rows. */
    public static InferenceOptions defaults() {
        return new InferenceOptions(1, 64);
    }

    /** A copy with {@code threads} intra-op threads per session. */
    public InferenceOptions withIntraOpThreads(int threads) {
        return new InferenceOptions(threads, warmupRows);
    }
}
