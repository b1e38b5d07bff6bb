/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A person's HTTP session with the console, without a browser: cookies, CSRF tokens from pages, forms. */
public final class WebClient {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient http;
    private String csrf;

    public WebClient(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Signs in; returns the response to the form (a redirect when it worked). */
    public HttpResponse<String> signIn(String user, String password) {
        return postForm("/login", Map.of("username", user, "password", password, "next", "/"), false);
    }

    public HttpResponse<String> get(String path) {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        Matcher m = CSRF.matcher(response.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return response;
    }

    /** Posts a form with the CSRF token of the last page read (unless {@code withToken} is false). */
    public HttpResponse<String> postForm(String path, Map<String, String> fields, boolean withToken) {
        StringJoiner body = new StringJoiner("&");
        fields.forEach((k, v) -> body.add(enc(k) + "=" + enc(v)));
        if (withToken && csrf != null) {
            body.add("_csrf=" + enc(csrf));
        }
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields) {
        return postForm(path, fields, true);
    }

    /** Posts a form (with the token) and returns the response's body; fails unless the status is {@code status}. */
    public String postForm(String path, Map<String, String> fields, int status) {
        HttpResponse<String> response = postForm(path, fields);
        if (response.statusCode() != status) {
            throw new AssertionError("POST " + path + " " + fields + ": HTTP " + response.statusCode() + ", not "
                    + status + ": " + response.body());
        }
        return response.body();
    }

    /** Posts a multipart form: {@code files} maps a field to (file name, bytes). */
    public HttpResponse<String> postMultipart(
            String path, Map<String, String> fields, Map<String, Map.Entry<String, byte[]>> files) throws IOException {
        String boundary = "----console" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, String> all = new java.util.LinkedHashMap<>(fields);
        if (csrf != null) {
            all.put("_csrf", csrf);
        }
        for (var f : all.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                            + f.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        for (var f : files.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"; filename=\""
                            + f.getValue().getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(f.getValue().getValue());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    public HttpClient http() {
        return http;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
