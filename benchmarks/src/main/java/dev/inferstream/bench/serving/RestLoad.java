/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench.serving;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A closed-loop REST load generator: each client keeps one HTTP/1.1 keep-alive connection and sends its next request
 * as soon as the previous answer is read. A minimal client on purpose (a fixed request, the response's status line
 * and Content-Length read, the body skipped), so that the box's two cores go to the server as far as possible.
 */
final class RestLoad {
    private RestLoad() {}

    /** The bytes of one request: POST of {@code body} to {@code path}. */
    static byte[] request(String path, String body) {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + json.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + json.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(json, 0, all, h.length, json.length);
        return all;
    }

    /**
     * Runs {@code clients} connections; with {@code intervalNanos} > 0 each sends at that fixed pace instead, and
     * latency counts from the intended send time (so a stall is not hidden by the requests it delays).
     */
    static LoadResult run(int port, byte[] request, int clients, long intervalNanos, Duration warmup, Duration measure)
            throws Exception {
        Phase phase = new Phase();
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[clients];
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[4_000_000 / clients + 10_000];
            latencies.add(mine);
            int index = c;
            Thread t = new Thread(() -> {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
                    long next = System.nanoTime() + (intervalNanos > 0 ? intervalNanos * index / clients : 0);
                    while (!phase.stopped()) {
                        long start;
                        if (intervalNanos > 0) {
                            for (long left = next - System.nanoTime(); left > 0; left = next - System.nanoTime()) {
                                if (left > 200_000) {
                                    LockSupport.parkNanos(left - 100_000);
                                } else {
                                    Thread.onSpinWait();
                                }
                            }
                            start = next;
                            next += intervalNanos;
                        } else {
                            start = System.nanoTime();
                        }
                        out.write(request);
                        if (!readResponse(in)) {
                            errors.incrementAndGet();
                        }
                        long took = System.nanoTime() - start;
                        if (phase.measuring() && counts[index] < mine.length) {
                            mine[counts[index]++] = took;
                        }
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                }
            });
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        double seconds = phase.drive(warmup, measure);
        for (Thread t : threads) {
            t.join(10_000);
        }
        return LoadResult.of(latencies, counts, seconds, errors.get());
    }

    /** Reads one response; true when its status is 200. */
    private static boolean readResponse(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        boolean ok = false;
        boolean first = true;
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b == '\n') {
                String text = line.toString().trim();
                if (text.isEmpty()) {
                    break;
                }
                if (first) {
                    ok = text.startsWith("HTTP/1.1 200");
                    first = false;
                } else if (text.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(text.substring(15).trim());
                }
                line.setLength(0);
            } else {
                line.append((char) b);
            }
        }
        long skipped = 0;
        while (skipped < length) {
            long n = in.skip(length - skipped);
            if (n <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed");
                }
                n = 1;
            }
            skipped += n;
        }
        return ok;
    }
}
