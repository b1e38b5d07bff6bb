/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.model.envelope.Lineage;
import dev.inferstream.model.envelope.RecordScorer;
import dev.inferstream.model.features.AvroFieldSource;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.demo.CardTransaction;
import dev.inferstream.serving.BatchSettings;
import dev.inferstream.serving.InferenceServer;
import dev.inferstream.serving.ServingListener;
import dev.inferstream.serving.ServingSettings;
import dev.inferstream.serving.scoring.ModelInferenceService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart's request step: a demo transaction sent over REST and gRPC scores like its Kafka record. */
class RequestTourIT {

    @Test
    void aDemoTransactionScoresTheSameOverBothProtocolsAsFromKafka(@TempDir Path dir) throws Exception {
        try (ModelService models =
                new ModelService(DemoModels.write(dir.resolve("models")), InferenceOptions.defaults())) {
            models.deployLatest(DemoModels.MODEL).get(1, TimeUnit.MINUTES);
            CardTransaction tx = new DemoEvents(7).next(3);
            RecordScorer.Input input = RecordScorer.Input.decoded(
                    Lineage.kafka("card-transactions", 0, 3, tx.getCardId(), 1, 0),
                    tx.getCardId().getBytes(StandardCharsets.UTF_8),
                    null,
                    Map.of(),
                    new AvroFieldSource(tx),
                    0);
            Prediction kafka = ((RecordScorer.Predicted) new RecordScorer(models, DemoModels.MODEL, "quickstart")
                            .score(List.of(input))
                            .get(0))
                    .prediction();
            try (ModelInferenceService service = new ModelInferenceService(
                            models, Set.of(DemoModels.MODEL), "quickstart", BatchSettings.off(), ServingListener.NONE);
                    InferenceServer server =
                            InferenceServer.start(ServingSettings.of(0, 0), service, ServingListener.NONE)) {
                ByteArrayOutputStream printed = new ByteArrayOutputStream();
                new RequestTour(
                                new PrintStream(printed, true, StandardCharsets.UTF_8),
                                server.restPort(),
                                server.grpcPort())
                        .run(kafka, tx);
                String text = printed.toString(StandardCharsets.UTF_8);
                assertThat(text.lines().filter(l -> l.contains("score identical to Kafka's")))
                        .as(text)
                        .hasSize(2);
                assertThat(text).contains("REST ").contains("gRPC ").doesNotContain("DIFFERS");
            }
        }
    }
}
