/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inferstream.serving.client.OipClient;
import dev.inferstream.serving.client.OipException;
import dev.inferstream.serving.client.Prediction;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scorerctl predict}: one record scored by a running scorer over the Open Inference Protocol. */
@Command(
        name = "predict",
        description = "Score one record on a scorer serving the Open Inference Protocol and print the prediction "
                + "(the version and arm that scored it, its outputs and prediction id)")
final class PredictCommand extends RecordCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--version", paramLabel = "N", description = "Pin this version (it must be served)")
    String version;

    @Option(names = "--key", description = "The key the rollout's split is sticky on")
    String key;

    @Option(names = "--grpc", description = "Use gRPC instead of REST")
    boolean grpc;

    @Option(
            names = "--url",
            defaultValue = "${env:INFERSTREAM_OIP_URL:-http://127.0.0.1:8000}",
            description = "The scorer's REST endpoint (env INFERSTREAM_OIP_URL; default ${DEFAULT-VALUE})")
    String url;

    @Option(
            names = "--grpc-target",
            paramLabel = "HOST:PORT",
            defaultValue = "${env:INFERSTREAM_OIP_GRPC:-127.0.0.1:8001}",
            description = "The scorer's gRPC endpoint (env INFERSTREAM_OIP_GRPC; default ${DEFAULT-VALUE})")
    String grpcTarget;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        Prediction p;
        try (OipClient client = client()) {
            p = client.predict(model, version, fields, key);
        } catch (OipException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("scorerctl: " + e.getMessage());
            return ScorerCtl.REFUSED;
        }
        if (root.json) {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(p));
        } else {
            out.println(text(p));
        }
        out.flush();
        return 0;
    }

    private OipClient client() {
        if (!grpc) {
            return OipClient.rest(URI.create(url));
        }
        int colon = grpcTarget.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("--grpc-target must be HOST:PORT, not '" + grpcTarget + "'");
        }
        return OipClient.grpc(grpcTarget.substring(0, colon), Integer.parseInt(grpcTarget.substring(colon + 1)));
    }

    static String text(Prediction p) {
        StringBuilder text = new StringBuilder();
        text.append(p.model())
                .append(" v")
                .append(p.version())
                .append(" (")
                .append(p.arm())
                .append(')');
        if (p.score() != null) {
            text.append(String.format(": score %.6f", p.score()));
        }
        if (p.label() != null) {
            text.append(", label ").append(p.label());
        }
        text.append(String.format(
                "%n  prediction %s  latency %d µs  sha256 %.12s…", p.predictionId(), p.latencyMicros(), p.sha256()));
        p.outputs().forEach((name, values) -> {
            if (!name.equals("score") && !name.equals("label")) {
                text.append(String.format("%n  %s %s", name, format(values)));
            }
        });
        return text.toString();
    }

    private static String format(List<Object> values) {
        return values.stream()
                .map(v -> v instanceof Double d ? String.format("%.6f", d) : String.valueOf(v))
                .toList()
                .toString();
    }
}
