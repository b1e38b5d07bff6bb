/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.inference.internals;

import dev.inferstream.model.inference.LoadedModel;

/**
 * Takes and gives back leases on a {@link LoadedModel}, for common-model's own scoring paths only (the model service
 * and explanations): a call that holds a lease finishes on its version even while a hot swap retires it. Everything
 * else scores through {@link LoadedModel#score} or the model service, which lease for it: a caller that leased by
 * hand could keep a retired version's session open.
 *
 * <pre>{@code
 * if (Leases.tryAcquire(model)) {
 *     try { ... } finally { Leases.release(model); }
 * }
 * }</pre>
 */
public final class Leases {
    private static volatile Access access;

    private Leases() {}

    /** Takes a lease on {@code model}; false once it is closed. Each true needs exactly one {@link #release}. */
    public static boolean tryAcquire(LoadedModel model) {
        return access().tryAcquire(model);
    }

    /** Gives back a lease taken by {@link #tryAcquire}; the last one of a retired model closes its session. */
    public static void release(LoadedModel model) {
        access().release(model);
    }

    /**
     * Connects this class to {@link LoadedModel}'s package-private lease methods; called once, by {@link LoadedModel}
     * as it initialises, before any model exists.
     *
     * @throws IllegalStateException when called a second time
     */
    public static synchronized void connect(Access lessor) {
        if (access != null) {
            throw new IllegalStateException("model leases are already connected to " + access);
        }
        access = lessor;
    }

    private static Access access() {
        Access current = access;
        if (current == null) {
            throw new IllegalStateException("model leases are not connected: no LoadedModel was initialised");
        }
        return current;
    }

    /** The lease methods of {@link LoadedModel}, reached without making them public. */
    public interface Access {
        /** See {@link Leases#tryAcquire}. */
        boolean tryAcquire(LoadedModel model);

        /** See {@link Leases#release}. */
        void release(LoadedModel model);
    }
}
