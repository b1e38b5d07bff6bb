/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.repository;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A repository served over HTTP(S) by any static file server. As HTTP cannot list folders, the server also
 * publishes two index files: {@code <base>/models} (one model name per line) and {@code <base>/<model>/versions}
 * (one version number per line).
 */
final class HttpModelRepository implements ModelRepository {
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    HttpModelRepository(URI base) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
    }

    @Override
    public List<String> models() throws IOException {
        return lines(get("models")).stream().sorted().toList();
    }

    @Override
    public List<Integer> versions(String model) throws IOException {
        byte[] body;
        try {
            body = get(model + "/versions");
        } catch (NotFound e) {
            return List.of();
        }
        List<Integer> versions = new ArrayList<>();
        for (String line : lines(body)) {
            try {
                versions.add(Integer.parseInt(line));
            } catch (NumberFormatException e) {
                throw new IOException(base + model + "/versions lists '" + line + "', which is not a version number");
            }
        }
        return versions.stream().sorted().toList();
    }

    @Override
    public ModelArtifact fetch(ModelRef ref) throws IOException {
        String dir = ref.name() + "/" + ref.version() + "/";
        return new ModelArtifact(ref, get(dir + MANIFEST), get(dir + MODEL), base + dir, name -> get(dir + name));
    }

    @Override
    public String location() {
        return base.toString();
    }

    private byte[] get(String path) throws IOException {
        URI uri = base.resolve(path);
        try {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                throw new NotFound(uri + " not found");
            }
            if (response.statusCode() / 100 != 2) {
                throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
    }

    private static List<String> lines(byte[] body) {
        return new String(body, StandardCharsets.UTF_8)
                .lines()
                .map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    private static final class NotFound extends IOException {
        NotFound(String message) {
            super(message);
        }
    }
}
