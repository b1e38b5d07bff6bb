/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.control;

import dev.inferstream.control.TopicWriter;
import dev.inferstream.model.quality.Agreement;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.schemas.ProjectVersion;
import dev.inferstream.schemas.ScorerStatus;
import dev.inferstream.schemas.ShadowAgreement;
import dev.inferstream.schemas.ShadowTopic;
import dev.inferstream.streaming.monitor.ArmTracker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports, every interval, what this scorer instance observed for each model it serves (shadow agreement so far,
 * where its shadow predictions go) to the compacted status topic, where {@code scorerctl status} and {@code
 * scorerctl shadow} read it.
 */
public final class StatusPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);

    private final TopicWriter<ScorerStatus> writer;
    private final String scorerId;
    private final Set<String> models;
    private final ModelService service;
    private final Agreement agreement;
    private final ArmTracker arms;
    private final Function<String, List<ShadowTopic>> shadowTopics;
    private final Instant startedAt = Instant.now();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "status-publisher");
        t.setDaemon(true);
        return t;
    });

    public StatusPublisher(
            TopicWriter<ScorerStatus> writer,
            String scorerId,
            Set<String> models,
            ModelService service,
            Agreement agreement,
            ArmTracker arms,
            Function<String, List<ShadowTopic>> shadowTopics,
            Duration interval) {
        this.writer = writer;
        this.scorerId = scorerId;
        this.models = Set.copyOf(models);
        this.service = service;
        this.agreement = agreement;
        this.arms = arms;
        this.shadowTopics = shadowTopics;
        long ms = interval.toMillis();
        timer.scheduleWithFixedDelay(this::publish, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Writes the current status of every served model. */
    public void publish() {
        try {
            List<Agreement.Summary> summaries = agreement.summaries();
            for (String model : models) {
                List<ShadowAgreement> shadows = new ArrayList<>();
                for (Agreement.Summary s : summaries) {
                    if (s.pair().model().equals(model)) {
                        shadows.add(new ShadowAgreement(
                                s.pair().production(),
                                s.pair().candidate(),
                                s.compared(),
                                s.agreed(),
                                s.meanAbsScoreDelta(),
                                s.maxAbsScoreDelta()));
                    }
                }
                long revision = service.deployment(model).map(d -> d.revision()).orElse(0L);
                writer.write(new ScorerStatus(
                        model,
                        scorerId,
                        startedAt,
                        Instant.now(),
                        revision,
                        shadows,
                        arms.stats(model),
                        shadowTopics.apply(model),
                        ProjectVersion.get()));
            }
        } catch (RuntimeException e) {
            LOG.warn("could not publish the scorer status (retried next interval): {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        publish();
        writer.close();
    }
}
