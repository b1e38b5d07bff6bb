/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.monitor;

import dev.inferstream.control.TopicWriter;
import dev.inferstream.model.envelope.RecordScorer;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.quality.DriftMonitor;
import dev.inferstream.schemas.Alert;
import dev.inferstream.schemas.AlertKind;
import dev.inferstream.streaming.admin.ScorerMetrics;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds every prediction to the drift monitor of the version that made it, publishes each window's PSI as
 * metrics, and raises an alert (log and alerts topic) when a feature's or the score's PSI crosses the threshold —
 * once when it crosses up, once when it falls back.
 */
public final class DriftWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriftWatch.class);

    private final int window;
    private final double threshold;
    private final ScorerMetrics metrics;
    private final TopicWriter<Alert> alerts;
    private final String scorerId;
    private final Map<LoadedModel, DriftMonitor> monitors = new ConcurrentHashMap<>();
    private final Set<String> drifting = ConcurrentHashMap.newKeySet();

    /** @param alerts where alerts go, or null to only log them */
    public DriftWatch(int window, double threshold, ScorerMetrics metrics, TopicWriter<Alert> alerts, String scorerId) {
        this.window = window;
        this.threshold = threshold;
        this.metrics = metrics;
        this.alerts = alerts;
        this.scorerId = scorerId;
    }

    /** Counts one prediction at once (request/response serving); stream tasks count theirs in a {@link #tally()}. */
    public void observe(RecordScorer.Predicted predicted) {
        DriftMonitor.Report report = monitor(predicted.model())
                .observe(predicted.input().fields(), predicted.prediction().getScore());
        if (report != null) {
            report(report);
        }
    }

    /** A stream task's own tally of its predictions, merged into the shared monitors once per micro-batch. */
    public DriftTally tally() {
        return new DriftTally(this);
    }

    /** The monitor of {@code model}, shared by every task and request that scores with it. */
    DriftMonitor monitor(LoadedModel model) {
        return monitors.computeIfAbsent(model, m -> new DriftMonitor(m.manifest(), window));
    }

    /** Whether {@code monitor} is still the one tracking {@code model} (it is dropped once the version retires). */
    boolean tracks(LoadedModel model, DriftMonitor monitor) {
        return monitors.get(model) == monitor;
    }

    /** Publishes a closed window's PSI and raises or resolves its alerts. */
    void report(DriftMonitor.Report report) {
        report.psi().forEach((subject, psi) -> {
            metrics.drift(report.model(), report.version(), subject, psi);
            String key = report.model() + "|" + report.version() + "|" + subject;
            if (psi > threshold && drifting.add(key)) {
                raise(
                        AlertKind.DRIFT,
                        report,
                        subject,
                        psi,
                        String.format(
                                Locale.ROOT,
                                "%s v%d: %s drifted, PSI %.3f over the last %d records (threshold %.3f)",
                                report.model(),
                                report.version(),
                                subject,
                                psi,
                                report.windowRecords(),
                                threshold));
            } else if (psi <= threshold && drifting.remove(key)) {
                raise(
                        AlertKind.DRIFT_RESOLVED,
                        report,
                        subject,
                        psi,
                        String.format(
                                Locale.ROOT,
                                "%s v%d: %s back within bounds, PSI %.3f",
                                report.model(),
                                report.version(),
                                subject,
                                psi));
            }
        });
    }

    private void raise(AlertKind kind, DriftMonitor.Report report, String subject, double psi, String message) {
        if (kind == AlertKind.DRIFT) {
            LOG.warn("drift alert: {}", message);
        } else {
            LOG.info("drift resolved: {}", message);
        }
        if (alerts != null) {
            try {
                alerts.write(new Alert(
                        kind,
                        report.model(),
                        report.version(),
                        subject,
                        psi,
                        threshold,
                        report.windowRecords(),
                        message,
                        scorerId,
                        Instant.now()));
            } catch (RuntimeException e) {
                LOG.warn("could not write the alert to {}: {}", alerts.topic(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        if (alerts != null) {
            alerts.close();
        }
    }

    /** Stops tracking versions no longer served. */
    public void retain(Predicate<LoadedModel> served) {
        monitors.keySet().removeIf(m -> !served.test(m));
    }
}
