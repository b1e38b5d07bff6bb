/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.admin;

import dev.inferstream.model.quality.Agreement;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.ProjectVersion;
import dev.inferstream.schemas.QualityStats;
import dev.inferstream.streaming.monitor.ArmTracker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The scorer's metrics, exposed in Prometheus format on the admin port: the one place the scorer records to, handing
 * each kind to the class that keeps it ({@link ArmMeters} per arm, {@link ShadowMetrics}, {@link ModelGauges},
 * {@link QualityGauges}, the canary's {@link ArmTracker}). Labels are bounded: route, model, version, arm, stage and
 * reason. Meters are cached, so recording costs a map lookup, not a registration.
 */
public final class ScorerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Meters meters = new Meters(registry);
    private final Map<String, ArmMeters> arms = new ConcurrentHashMap<>();
    /** Per route, found without building the meter key (records are counted one by one as they arrive). */
    private final Map<String, Counter> received = new ConcurrentHashMap<>();

    private final ArmTracker armTracker = new ArmTracker();
    private final ShadowMetrics shadow = new ShadowMetrics(meters);
    private final ModelGauges models = new ModelGauges(meters);
    private final QualityGauges quality = new QualityGauges(registry);
    private volatile ArmMeters lastArm;

    public ScorerMetrics() {
        Gauge.builder("inferstream.build.info", () -> 1)
                .description("The inferstream and Java versions this scorer runs (always 1)")
                .tags("version", ProjectVersion.get(), "java", Runtime.version().toString())
                .register(registry);
    }

    /**
     * One prediction written: counted per route, model, version and arm, with its scoring latency (arrival in the
     * scorer to prediction), its end-to-end latency (input timestamp to prediction), its score and its label.
     */
    public void scored(String route, Prediction p, long latencyNanos, long endToEndMillis) {
        ArmMeters arm = arm(route, p);
        arm.scored.increment();
        distributions(arm, p, latencyNanos, endToEndMillis);
        if (p.getLabel() != null) {
            arm.label(p.getLabel()).increment();
        }
        armTracker.scored(p.getModel(), p.getVersion(), p.getArm(), latencyNanos);
    }

    /**
     * A micro-batch's predictions, recorded as {@link #scored(String, Prediction, long, long)} would record each:
     * the latency, score and label distributions get one sample per prediction, while the counters and the canary's
     * tally move once per run of predictions of the same version and arm (and label). Empties {@code batch}.
     */
    public void scored(String route, ScoredBatch batch) {
        int from = 0;
        while (from < batch.size()) {
            Prediction first = batch.prediction(from);
            ArmMeters arm = arm(route, first);
            int to = from + 1;
            while (to < batch.size() && arm.matches(route, batch.prediction(to))) {
                to++;
            }
            arm.scored.increment(to - from);
            String label = null;
            int sameLabel = 0;
            for (int i = from; i < to; i++) {
                Prediction p = batch.prediction(i);
                distributions(arm, p, batch.latencyNanos(i), batch.endToEndMillis(i));
                if (!Objects.equals(label, p.getLabel())) {
                    countLabel(arm, label, sameLabel);
                    label = p.getLabel();
                    sameLabel = 0;
                }
                sameLabel++;
            }
            countLabel(arm, label, sameLabel);
            armTracker.scored(first.getModel(), first.getVersion(), first.getArm(), batch.latencies(), from, to);
            from = to;
        }
        batch.clear();
    }

    private ArmMeters arm(String route, Prediction p) {
        ArmMeters arm = lastArm;
        if (arm == null || !arm.matches(route, p)) {
            arm = arms.computeIfAbsent(
                    route + "|" + p.getModel() + "|" + p.getVersion() + "|" + p.getArm(),
                    k -> new ArmMeters(route, p.getModel(), p.getVersion(), p.getArm(), registry));
            lastArm = arm;
        }
        return arm;
    }

    /** The per-prediction samples: latencies (percentile histograms) and score. */
    private static void distributions(ArmMeters arm, Prediction p, long latencyNanos, long endToEndMillis) {
        arm.latency.record(latencyNanos, TimeUnit.NANOSECONDS);
        arm.endToEnd.record(Math.max(0, endToEndMillis), TimeUnit.MILLISECONDS);
        if (p.getScore() != null) {
            arm.score.record(p.getScore());
        }
    }

    private static void countLabel(ArmMeters arm, String label, int predictions) {
        if (label != null && predictions > 0) {
            arm.label(label).increment(predictions);
        }
    }

    /** A record routed to {@code version} of {@code model} that could not be scored. */
    public void failed(String model, int version) {
        armTracker.failed(model, version);
    }

    /** Per version and arm counts since each model's current deployment, for the canary analysis. */
    public ArmTracker arms() {
        return armTracker;
    }

    /** A shadow version's prediction written to the shadow topic. */
    public void shadowScored(String route, String model, int version) {
        shadow.scored(route, model, version);
    }

    /**
     * A shadow prediction not written: its topic is missing ({@code TOPIC_MISSING}), it is too large or cannot be
     * encoded (the dead-letter reasons), or Kafka refused it (the exception's name).
     */
    public void shadowDropped(String route, String reason) {
        shadow.dropped(route, reason);
    }

    /** A shadow prediction compared with the production prediction of the same record. */
    public void shadowCompared(Prediction production, Prediction shadowPrediction) {
        shadow.compared(production, shadowPrediction);
    }

    /** Agreement between shadow and production versions since the scorer started. */
    public Agreement agreement() {
        return shadow.agreement();
    }

    /** A record read from a route's input topic. */
    public void received(String route) {
        Counter counter = received.get(route);
        if (counter == null) {
            counter = received.computeIfAbsent(
                    route,
                    r -> meters.counter(
                            "inferstream_records_received", "Records read from the input topic", "route", r));
        }
        counter.increment();
    }

    /** A model version loaded (outcome {@code loaded}) or refused ({@code failed}). */
    public void modelLoad(String model, int version, String outcome, long nanos) {
        meters.counter(
                        "inferstream_model_loads",
                        "Model version loads, by outcome",
                        "model",
                        model,
                        "version",
                        Integer.toString(version),
                        "outcome",
                        outcome)
                .increment();
        if (nanos > 0) {
            meters.timer(
                            "inferstream_model_load_duration",
                            b -> b.description("Time to load, check and warm up a model version"),
                            "model",
                            model)
                    .record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** A deployment switched in: its revision and which versions now serve. */
    public void deployed(String model, long revision, Set<Integer> versions) {
        models.deployed(model, revision, versions);
    }

    /** The latest population stability index of a feature (or the score) of a model version. */
    public void drift(String model, int version, String subject, double psi) {
        models.drift(model, version, subject, psi);
    }

    /** One prediction of a route that explains its predictions: {@code explained}, or written without. */
    public void explained(String route, boolean explained) {
        meters.counter(
                        "inferstream_explanations",
                        "Predictions of explaining routes, by whether they carry attributions",
                        "route",
                        route,
                        "outcome",
                        explained ? "explained" : "unexplained")
                .increment();
    }

    /** One feedback record: {@code joined} to its prediction, a {@code duplicate}, or {@code unmatched}. */
    public void feedback(String route, String outcome) {
        meters.counter("inferstream_feedback", "Feedback records by outcome", "route", route, "outcome", outcome)
                .increment();
    }

    /** The latest quality statistics one task holds for a model version and arm. */
    public void quality(String task, QualityStats stats) {
        quality.update(task, stats);
    }

    /** A record sent to the dead-letter topic. */
    public void deadLettered(String route, String stage, String reason) {
        meters.counter(
                        "inferstream_records_dead_lettered",
                        "Records written to the dead-letter topic",
                        "route",
                        route,
                        "stage",
                        stage,
                        "reason",
                        reason)
                .increment();
    }

    /** One micro-batch scored: its size and the time spent in the model library. */
    public void batch(String route, int size, long inferenceNanos) {
        meters.summary(
                        "inferstream_batch_size",
                        b -> b.description("Records per inference call")
                                .publishPercentileHistogram()
                                .minimumExpectedValue(1.0)
                                .maximumExpectedValue(10_000.0),
                        "route",
                        route)
                .record(size);
        meters.timer(
                        "inferstream_inference_duration",
                        b -> b.description("Time of one batch in the model library")
                                .publishPercentileHistogram()
                                .minimumExpectedValue(Duration.ofNanos(10_000))
                                .maximumExpectedValue(Duration.ofSeconds(5)),
                        "route",
                        route)
                .record(inferenceNanos, TimeUnit.NANOSECONDS);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }
}
