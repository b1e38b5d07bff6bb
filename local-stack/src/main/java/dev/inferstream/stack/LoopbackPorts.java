/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** The ports the stack's processes listen on, all on 127.0.0.1. */
final class LoopbackPorts {
    private LoopbackPorts() {}

    /**
     * {@code port} when no process listens on it, or any free port for 0; a port in use fails with a message naming
     * it, {@code what} wanted it, and {@code fix}.
     */
    static int free(int port, String what, String fix) throws IOException {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IOException("port " + port + " for " + what + " is already in use by another process: " + fix, e);
        }
    }
}
