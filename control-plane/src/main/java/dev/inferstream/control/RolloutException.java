/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

/** A rollout change that is refused; the message says why and what to do instead. */
public class RolloutException extends RuntimeException {
    public RolloutException(String message) {
        super(message);
    }
}
