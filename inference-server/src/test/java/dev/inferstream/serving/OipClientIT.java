/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.inferstream.serving.client.OipClient;
import dev.inferstream.serving.client.OipException;
import dev.inferstream.serving.client.Prediction;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java client sends a record in record form over either protocol and reads the prediction back. */
class OipClientIT {
    @TempDir
    static Path dir;

    static ServingFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServingFixture(dir);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void bothProtocolsGiveTheKafkaPathsPrediction() {
        double expected = fixture.kafkaPath(12.5, "pos", 1).getScore();
        Map<String, String> fields = Map.of("amount", "12.5", "channel", "pos", "device.trusted", "1");
        for (OipClient client : List.of(
                OipClient.rest(URI.create(fixture.base)), OipClient.grpc("127.0.0.1", fixture.server.grpcPort()))) {
            try (client) {
                Prediction p = client.predict("fraud", null, fields, "card-1");
                assertThat(p.score()).isEqualTo(expected);
                assertThat(p.label()).isIn("legit", "fraud");
                assertThat(p.version()).isEqualTo("1");
                assertThat(p.arm()).isEqualTo("stable");
                assertThat(p.predictionId()).hasSize(32);
                assertThat(p.outputs().get("probabilities")).hasSize(2);
                assertThat(catchThrowable(() -> client.predict("fraud", null, Map.of("amount", "lots"), null)))
                        .hasMessageContaining("field 'amount' takes numbers, not 'lots'");
                assertThat(catchThrowable(() -> client.predict("fraud", null, Map.of("amount", "1"), null)))
                        .isInstanceOf(OipException.class)
                        .hasMessageContaining("channel")
                        .hasMessageContaining("MISSING_FIELD");
            }
        }
    }
}
