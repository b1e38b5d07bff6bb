/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.admin;

import dev.inferstream.model.quality.Agreement;
import dev.inferstream.model.quality.Quality;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.ProjectVersion;
import dev.inferstream.schemas.QualityStats;
import dev.inferstream.streaming.monitor.ArmTracker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Function;

/**
 * The scorer's metrics, exposed in Prometheus format on the admin port. Labels are bounded: route, model,
 * version, arm, stage and reason. Meters are cached, so recording costs a map lookup, not a registration.
 */
public final class ScorerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> summaries = new ConcurrentHashMap<>();
    private final Map<String, ArmMeters> arms = new ConcurrentHashMap<>();
    private static final int MAX_LABELS = 100;
    private final Agreement agreement = new Agreement();
    private final ArmTracker armTracker = new ArmTracker();
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> serving = new ConcurrentHashMap<>();
    private final Map<String, DoubleAdder> psiGauges = new ConcurrentHashMap<>();
    private final Map<String, Map<String, QualityStats>> quality = new ConcurrentHashMap<>();
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
        ArmMeters meters = lastArm;
        if (meters == null || !meters.matches(route, p.getModel(), p.getVersion(), p.getArm())) {
            meters = arms.computeIfAbsent(
                    route + "|" + p.getModel() + "|" + p.getVersion() + "|" + p.getArm(),
                    k -> new ArmMeters(route, p.getModel(), p.getVersion(), p.getArm(), registry));
            lastArm = meters;
        }
        meters.scored.increment();
        meters.latency.record(latencyNanos, TimeUnit.NANOSECONDS);
        meters.endToEnd.record(Math.max(0, endToEndMillis), TimeUnit.MILLISECONDS);
        if (p.getScore() != null) {
            meters.score.record(p.getScore());
        }
        if (p.getLabel() != null) {
            meters.label(p.getLabel(), registry).increment();
        }
        armTracker.scored(p.getModel(), p.getVersion(), p.getArm(), latencyNanos);
    }

    /** A record routed to {@code version} of {@code model} that could not be scored. */
    public void failed(String model, int version) {
        armTracker.failed(model, version);
    }

    /** Per version and arm counts since each model's current deployment, for the canary analysis. */
    public ArmTracker arms() {
        return armTracker;
    }

    /** The meters of one route, model version and arm; the last one used is kept at hand for the next record. */
    private static final class ArmMeters {
        final String route;
        final String model;
        final int version;
        final String arm;
        final Counter scored;
        final Timer latency;
        final Timer endToEnd;
        final DistributionSummary score;
        final Map<String, Counter> labels = new ConcurrentHashMap<>();

        ArmMeters(String route, String model, int version, String arm, PrometheusMeterRegistry registry) {
            this.route = route;
            this.model = model;
            this.version = version;
            this.arm = arm;
            String v = Integer.toString(version);
            this.scored = Counter.builder("inferstream_records_scored")
                    .description("Records scored and written to the prediction topic")
                    .tags("route", route, "model", model, "version", v, "arm", arm)
                    .register(registry);
            this.latency = Timer.builder("inferstream_scoring_latency")
                    .description("From arrival in the scorer to the prediction")
                    .tags("model", model, "version", v, "arm", arm)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(10_000))
                    .maximumExpectedValue(Duration.ofSeconds(5))
                    .register(registry);
            this.endToEnd = Timer.builder("inferstream_end_to_end_latency")
                    .description("From the input record's timestamp to its prediction")
                    .tags("model", model)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofMinutes(10))
                    .register(registry);
            this.score = DistributionSummary.builder("inferstream_prediction_score")
                    .description("Scores predicted, per model version")
                    .tags("model", model, "version", v, "arm", arm)
                    .serviceLevelObjectives(0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0)
                    .register(registry);
        }

        /** The counter of {@code label}; past {@link #MAX_LABELS} distinct labels, the {@code _other} counter. */
        Counter label(String label, PrometheusMeterRegistry registry) {
            Counter counter = labels.get(label);
            if (counter == null) {
                String name = labels.size() < MAX_LABELS ? label : "_other";
                counter = labels.computeIfAbsent(
                        name,
                        l -> Counter.builder("inferstream_predictions_by_label")
                                .description("Predictions per predicted label")
                                .tags("model", model, "version", Integer.toString(version), "label", l)
                                .register(registry));
            }
            return counter;
        }

        boolean matches(String route, String model, int version, String arm) {
            return this.version == version
                    && this.route.equals(route)
                    && this.model.equals(model)
                    && this.arm.equals(arm);
        }
    }

    /** A shadow version's prediction written to the shadow topic. */
    public void shadowScored(String route, String model, int version) {
        String v = Integer.toString(version);
        counters.computeIfAbsent(
                        "shadow|" + route + "|" + model + "|" + v,
                        k -> Counter.builder("inferstream_records_shadow_scored")
                                .description("Shadow predictions written")
                                .tags("route", route, "model", model, "version", v)
                                .register(registry))
                .increment();
    }

    /**
     * A shadow prediction not written: its topic is missing ({@code TOPIC_MISSING}), it is too large or cannot be
     * encoded (the dead-letter reasons), or Kafka refused it (the exception's name).
     */
    public void shadowDropped(String route, String reason) {
        counters.computeIfAbsent(
                        "shadowdrop|" + route + "|" + reason,
                        k -> Counter.builder("inferstream_shadow_dropped")
                                .description("Shadow predictions not written (the route's predictions are)")
                                .tags("route", route, "reason", reason)
                                .register(registry))
                .increment();
    }

    /** A shadow prediction compared with the production prediction of the same record. */
    public void shadowCompared(Prediction production, Prediction shadow) {
        String model = production.getModel();
        String v = Integer.toString(production.getVersion());
        String sv = Integer.toString(shadow.getVersion());
        boolean agree = Objects.equals(production.getLabel(), shadow.getLabel());
        counters.computeIfAbsent(
                        "agree|" + model + "|" + v + "|" + sv + "|" + agree,
                        k -> Counter.builder("inferstream_shadow_comparisons")
                                .description("Shadow predictions compared with production")
                                .tags(
                                        "model",
                                        model,
                                        "version",
                                        v,
                                        "shadow_version",
                                        sv,
                                        "agree",
                                        Boolean.toString(agree))
                                .register(registry))
                .increment();
        if (production.getScore() != null && shadow.getScore() != null) {
            summaries
                    .computeIfAbsent(
                            "delta|" + model + "|" + v + "|" + sv,
                            k -> DistributionSummary.builder("inferstream_shadow_score_delta")
                                    .description("Absolute difference between the shadow and the production score")
                                    .tags("model", model, "version", v, "shadow_version", sv)
                                    .register(registry))
                    .record(Math.abs(shadow.getScore() - production.getScore()));
        }
        agreement.record(
                new Agreement.Pair(model, production.getVersion(), shadow.getVersion()),
                production.getLabel(),
                production.getScore(),
                shadow.getLabel(),
                shadow.getScore());
    }

    /** Agreement between shadow and production versions since the scorer started. */
    public Agreement agreement() {
        return agreement;
    }

    /** A record read from a route's input topic. */
    public void received(String route) {
        counters.computeIfAbsent(
                        "in|" + route,
                        k -> Counter.builder("inferstream_records_received")
                                .description("Records read from the input topic")
                                .tags("route", route)
                                .register(registry))
                .increment();
    }

    /** A model version loaded (outcome {@code loaded}) or refused ({@code failed}). */
    public void modelLoad(String model, int version, String outcome, long nanos) {
        String v = Integer.toString(version);
        counters.computeIfAbsent(
                        "load|" + model + "|" + v + "|" + outcome,
                        k -> Counter.builder("inferstream_model_loads")
                                .description("Model version loads, by outcome")
                                .tags("model", model, "version", v, "outcome", outcome)
                                .register(registry))
                .increment();
        if (nanos > 0) {
            timers.computeIfAbsent(
                            "loadtime|" + model,
                            k -> Timer.builder("inferstream_model_load_duration")
                                    .description("Time to load, check and warm up a model version")
                                    .tags("model", model)
                                    .register(registry))
                    .record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** A deployment switched in: its revision and which versions now serve. */
    public void deployed(String model, long revision, Set<Integer> versions) {
        counters.computeIfAbsent(
                        "deploy|" + model,
                        k -> Counter.builder("inferstream_deployments")
                                .description("Deployments switched in")
                                .tags("model", model)
                                .register(registry))
                .increment();
        gauge("inferstream_deployment_revision", "Revision of the serving deployment", Tags.of("model", model))
                .set(revision);
        serving.forEach((key, value) -> {
            if (key.startsWith(model + "|")) {
                value.set(0);
            }
        });
        for (int version : versions) {
            serving.computeIfAbsent(
                            model + "|" + version,
                            k -> gauge(
                                    "inferstream_model_version_serving",
                                    "1 while the version is loaded and serving",
                                    Tags.of("model", model, "version", Integer.toString(version))))
                    .set(1);
        }
    }

    /** The latest population stability index of a feature (or the score) of a model version. */
    public void drift(String model, int version, String subject, double psi) {
        Tags tags = Tags.of("model", model, "version", Integer.toString(version), "feature", subject);
        psiGauges.computeIfAbsent(tags.toString(), k -> {
            DoubleAdder value = new DoubleAdder();
            Gauge.builder("inferstream_drift_psi", value, DoubleAdder::sum)
                    .description("Population stability index over the last drift window")
                    .tags(tags)
                    .register(registry);
            return value;
        });
        DoubleAdder value = psiGauges.get(tags.toString());
        synchronized (value) {
            value.reset();
            value.add(psi);
        }
    }

    private AtomicLong gauge(String name, String description, Tags tags) {
        return gauges.computeIfAbsent(name + tags, k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get)
                    .description(description)
                    .tags(tags)
                    .register(registry);
            return value;
        });
    }

    /** One prediction of a route that explains its predictions: {@code explained}, or written without. */
    public void explained(String route, boolean explained) {
        String outcome = explained ? "explained" : "unexplained";
        counters.computeIfAbsent(
                        "explanations|" + route + "|" + outcome,
                        k -> Counter.builder("inferstream_explanations")
                                .description("Predictions of explaining routes, by whether they carry attributions")
                                .tags("route", route, "outcome", outcome)
                                .register(registry))
                .increment();
    }

    /** One feedback record: {@code joined} to its prediction, a {@code duplicate}, or {@code unmatched}. */
    public void feedback(String route, String outcome) {
        counters.computeIfAbsent(
                        "feedback|" + route + "|" + outcome,
                        k -> Counter.builder("inferstream_feedback")
                                .description("Feedback records by outcome")
                                .tags("route", route, "outcome", outcome)
                                .register(registry))
                .increment();
    }

    /** The latest quality statistics one task holds for a model version and arm. */
    public void quality(String task, QualityStats stats) {
        String labels = stats.getModel() + "|" + stats.getVersion() + "|" + stats.getArm();
        quality.computeIfAbsent(labels, k -> {
                    Map<String, QualityStats> byTask = new ConcurrentHashMap<>();
                    Tags tags = Tags.of(
                            "model",
                            stats.getModel(),
                            "version",
                            Integer.toString(stats.getVersion()),
                            "arm",
                            stats.getArm());
                    qualityGauge(
                            "inferstream_quality_accuracy",
                            "Share of predicted labels that matched the outcome",
                            tags,
                            byTask,
                            Quality.Summary::accuracy);
                    qualityGauge(
                            "inferstream_quality_log_loss",
                            "Mean log-loss of the observed class",
                            tags,
                            byTask,
                            Quality.Summary::logLoss);
                    qualityGauge(
                            "inferstream_quality_precision",
                            "Precision of the positive class",
                            tags,
                            byTask,
                            Quality.Summary::precision);
                    qualityGauge(
                            "inferstream_quality_recall",
                            "Recall of the positive class",
                            tags,
                            byTask,
                            Quality.Summary::recall);
                    qualityGauge(
                            "inferstream_quality_calibration_error",
                            "Expected calibration error (score deciles)",
                            tags,
                            byTask,
                            Quality.Summary::calibrationError);
                    qualityGauge(
                            "inferstream_quality_mae",
                            "Mean absolute error of values",
                            tags,
                            byTask,
                            Quality.Summary::mae);
                    qualityGauge(
                            "inferstream_quality_rmse",
                            "Root mean squared error of values",
                            tags,
                            byTask,
                            Quality.Summary::rmse);
                    qualityGauge(
                            "inferstream_quality_mean_reward",
                            "Mean observed reward",
                            tags,
                            byTask,
                            Quality.Summary::meanReward);
                    qualityGauge("inferstream_quality_joined", "Predictions joined with feedback", tags, byTask, s ->
                            (double) s.joined());
                    return byTask;
                })
                .put(task, stats);
    }

    private void qualityGauge(
            String name,
            String description,
            Tags tags,
            Map<String, QualityStats> byTask,
            Function<Quality.Summary, Double> figure) {
        Gauge.builder(name, byTask, m -> {
                    Double value = figure.apply(Quality.summarize(m.values()));
                    return value == null ? Double.NaN : value;
                })
                .description(description)
                .tags(tags)
                .register(registry);
    }

    /** A record sent to the dead-letter topic. */
    public void deadLettered(String route, String stage, String reason) {
        counters.computeIfAbsent(
                        "dlq|" + route + "|" + stage + "|" + reason,
                        k -> Counter.builder("inferstream_records_dead_lettered")
                                .description("Records written to the dead-letter topic")
                                .tags("route", route, "stage", stage, "reason", reason)
                                .register(registry))
                .increment();
    }

    /** One micro-batch scored: its size and the time spent in the model library. */
    public void batch(String route, int size, long inferenceNanos) {
        summaries
                .computeIfAbsent(
                        "batch|" + route,
                        k -> DistributionSummary.builder("inferstream_batch_size")
                                .description("Records per inference call")
                                .tags("route", route)
                                .publishPercentileHistogram()
                                .minimumExpectedValue(1.0)
                                .maximumExpectedValue(10_000.0)
                                .register(registry))
                .record(size);
        timers.computeIfAbsent(
                        "inference|" + route,
                        k -> Timer.builder("inferstream_inference_duration")
                                .description("Time of one batch in the model library")
                                .tags("route", route)
                                .publishPercentileHistogram()
                                .minimumExpectedValue(Duration.ofNanos(10_000))
                                .maximumExpectedValue(Duration.ofSeconds(5))
                                .register(registry))
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
