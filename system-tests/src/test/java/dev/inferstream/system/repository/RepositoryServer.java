/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.repository;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A static HTTP server of a model repository folder, in the layout {@code HttpModelRepository} reads (the files,
 * plus the {@code models} and {@code <model>/versions} indexes made from the folder), into which a fault can be
 * injected for the paths under one prefix: HTTP 500, a hang, a {@code model.onnx} cut off halfway, a {@code
 * model.yaml} that does not match its graph.
 */
public final class RepositoryServer implements AutoCloseable {
    /** What the server does to a request under the faulty prefix. */
    public enum Fault {
        NONE,
        /** Answers HTTP 500. */
        SERVER_ERROR,
        /** Holds the request until the fault changes, then answers HTTP 503. */
        HANG,
        /** Serves the first half of {@code model.onnx}, as a broken upload leaves it. */
        CORRUPT_MODEL,
        /** Serves a {@code model.yaml} that declares two input fields more than the graph takes. */
        MISMATCHED_MANIFEST
    }

    private final Path root;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger hanging = new AtomicInteger();
    private final AtomicInteger faulted = new AtomicInteger();
    private String prefix = "";
    private Fault fault = Fault.NONE;

    private RepositoryServer(Path root, HttpServer server) {
        this.root = root.toAbsolutePath().normalize();
        this.server = server;
    }

    /** Serves {@code root} on a free loopback port. */
    public static RepositoryServer serve(Path root) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            RepositoryServer repository = new RepositoryServer(root, http);
            http.createContext("/", repository::handle);
            http.setExecutor(repository.threads);
            http.start();
            return repository;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve " + root, e);
        }
    }

    /** The repository's URL, for {@code scorer.model.repository}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** From now on, answers requests for paths starting with {@code pathPrefix} (e.g. {@code fraud/2/}) with it. */
    public synchronized void inject(String pathPrefix, Fault injected) {
        this.prefix = pathPrefix;
        this.fault = injected;
        notifyAll();
    }

    /** Serves every path as it is again. */
    public void heal() {
        inject("", Fault.NONE);
    }

    /** Requests held by a {@link Fault#HANG} right now. */
    public int hanging() {
        return hanging.get();
    }

    /** Requests answered with a fault so far. */
    public int faulted() {
        return faulted.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(1);
            Fault now = faultFor(path);
            if (now == Fault.SERVER_ERROR) {
                faulted.incrementAndGet();
                send(exchange, 500, "injected failure".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (now == Fault.HANG) {
                hang(path);
                faulted.incrementAndGet();
                send(exchange, 503, "was hanging".getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body = body(path);
            if (body == null) {
                send(exchange, 404, new byte[0]);
                return;
            }
            if (now == Fault.CORRUPT_MODEL && path.endsWith("/model.onnx")) {
                faulted.incrementAndGet();
                body = Arrays.copyOf(body, body.length / 2);
            } else if (now == Fault.MISMATCHED_MANIFEST && path.endsWith("/model.yaml")) {
                faulted.incrementAndGet();
                body = new String(body, StandardCharsets.UTF_8)
                        .replace("fields: [", "fields: [extra_a, extra_b, ")
                        .getBytes(StandardCharsets.UTF_8);
            }
            send(exchange, 200, body);
        }
    }

    private synchronized Fault faultFor(String path) {
        return fault != Fault.NONE && path.startsWith(prefix) ? fault : Fault.NONE;
    }

    private synchronized void hang(String path) {
        hanging.incrementAndGet();
        try {
            while (faultFor(path) == Fault.HANG) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            hanging.decrementAndGet();
        }
    }

    /** The file at {@code path}, or an index made from the folder; null when there is none. */
    private byte[] body(String path) throws IOException {
        if (path.equals("models")) {
            return list(root);
        }
        if (path.endsWith("/versions") && path.indexOf('/') == path.lastIndexOf('/')) {
            Path model = root.resolve(path.substring(0, path.indexOf('/')));
            return Files.isDirectory(model) ? list(model) : null; // version folders only: staging ones start with "."
        }
        Path file = root.resolve(path).normalize();
        return file.startsWith(root) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    }

    private static byte[] list(Path folder) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .collect(Collectors.joining("\n", "", "\n"))
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        heal();
        server.stop(0);
        threads.shutdownNow();
    }
}
