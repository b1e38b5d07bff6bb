/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.state;

import dev.inferstream.model.quality.Quality;
import dev.inferstream.schemas.Alert;
import dev.inferstream.schemas.AlertKind;
import dev.inferstream.schemas.ArmStats;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.QualityStats;
import dev.inferstream.schemas.ScorerStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the console knows of the control topics, kept in memory and bounded: the current deployment and history of
 * each model, the newest status of each scorer with a series of per-arm points, quality per arm, the newest alerts
 * and dead letters, and console actions. Fed by {@link TopicFollower}; pages read it and never a topic, so a page
 * costs the same with a million predictions behind it as with none.
 */
public final class ConsoleState {
    static final int SERIES_PER_MODEL = 2_000;
    static final int THINNED_SERIES_PER_MODEL = 20_000;
    static final int HISTORY_PER_MODEL = 5_000;
    static final int ALERTS = 2_000;
    static final int DEAD_LETTERS = 5_000;
    static final int ACTIONS = 20_000;

    /** A quality figure of one version and arm at one moment. */
    public record QualityPoint(Instant at, int version, String arm, Quality.Summary summary) {}

    /** A dead letter with where it was read from, so it can be found and replayed. */
    public record StoredDeadLetter(String topic, int partition, long offset, DeadLetter letter) {}

    private final Map<String, Deployment> deployments = new ConcurrentHashMap<>();
    private final Map<String, Ring<Deployment>> history = new ConcurrentHashMap<>();
    private final Map<String, ScorerStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, Downsampled<ArmPoint>> series = new ConcurrentHashMap<>();
    private final Map<String, QualityStats> quality = new ConcurrentHashMap<>();
    private final Map<String, Downsampled<QualityPoint>> qualitySeries = new ConcurrentHashMap<>();
    private final Map<String, Alert> driftNow = new ConcurrentHashMap<>();
    private final Ring<Alert> alerts = new Ring<>(ALERTS);
    private final Ring<StoredDeadLetter> deadLetters = new Ring<>(DEAD_LETTERS);
    private final Ring<ConsoleAction> actions = new Ring<>(ACTIONS);
    private final AtomicLong version = new AtomicLong();

    /** Increases with every change, so live pages know when to render again. */
    public long version() {
        return version.get();
    }

    void deployment(Deployment d) {
        deployments.merge(d.getModel(), d, (a, b) -> b.getRevision() >= a.getRevision() ? b : a);
        version.incrementAndGet();
    }

    void historyEntry(Deployment d) {
        history.computeIfAbsent(d.getModel(), m -> new Ring<>(HISTORY_PER_MODEL))
                .add(d);
        deployment(d);
    }

    void status(ScorerStatus s) {
        String key = s.getModel() + "|" + s.getScorer();
        ScorerStatus previous = statuses.put(key, s);
        Downsampled<ArmPoint> points = series.computeIfAbsent(
                s.getModel(),
                m -> new Downsampled<>(
                        SERIES_PER_MODEL,
                        THINNED_SERIES_PER_MODEL,
                        ArmPoint::at,
                        p -> p.scorer() + "|" + p.version() + "|" + p.arm()));
        for (ArmStats arm : s.getArms()) {
            ArmStats before = previous == null || previous.getDeploymentRevision() != s.getDeploymentRevision()
                    ? null
                    : find(previous.getArms(), arm);
            double seconds = previous == null
                    ? 0
                    : (s.getUpdatedAt().toEpochMilli() - previous.getUpdatedAt().toEpochMilli()) / 1000.0;
            if (seconds <= 0) {
                continue;
            }
            long scored = arm.getScored() - (before == null ? 0 : before.getScored());
            long failed = arm.getFailed() - (before == null ? 0 : before.getFailed());
            if (scored < 0 || failed < 0) {
                scored = arm.getScored();
                failed = arm.getFailed();
            }
            points.add(new ArmPoint(
                    s.getUpdatedAt(),
                    s.getScorer(),
                    arm.getVersion(),
                    arm.getArm(),
                    scored / seconds,
                    scored + failed == 0 ? Double.NaN : failed / (double) (scored + failed),
                    arm.getLatencyP99Micros()));
        }
        version.incrementAndGet();
    }

    void quality(String key, QualityStats stats) {
        quality.put(key, stats);
        String arm = stats.getModel() + "|" + stats.getVersion() + "|" + stats.getArm();
        List<QualityStats> same = quality.values().stream()
                .filter(q -> (q.getModel() + "|" + q.getVersion() + "|" + q.getArm()).equals(arm))
                .toList();
        qualitySeries
                .computeIfAbsent(
                        stats.getModel(),
                        m -> new Downsampled<>(
                                SERIES_PER_MODEL,
                                THINNED_SERIES_PER_MODEL,
                                QualityPoint::at,
                                p -> p.version() + "|" + p.arm()))
                .add(new QualityPoint(
                        stats.getUpdatedAt(), stats.getVersion(), stats.getArm(), Quality.summarize(same)));
        version.incrementAndGet();
    }

    void alert(Alert alert) {
        alerts.add(alert);
        String key = alert.getModel() + "|" + alert.getVersion() + "|" + alert.getSubject();
        if (alert.getKind() == AlertKind.DRIFT) {
            driftNow.put(key, alert);
        } else {
            driftNow.remove(key);
        }
        version.incrementAndGet();
    }

    void deadLetter(StoredDeadLetter letter) {
        deadLetters.add(letter);
        version.incrementAndGet();
    }

    /** Records a console action (also called by the follower for actions read back from the audit topic). */
    void action(ConsoleAction action) {
        actions.add(action);
        version.incrementAndGet();
    }

    public Optional<Deployment> deployment(String model) {
        return Optional.ofNullable(deployments.get(model));
    }

    public Map<String, Deployment> deployments() {
        return new TreeMap<>(deployments);
    }

    /** Every deployment of {@code model}, oldest first (the newest {@value #HISTORY_PER_MODEL}). */
    public List<Deployment> history(String model) {
        Ring<Deployment> ring = history.get(model);
        return ring == null ? List.of() : ring.snapshot();
    }

    public List<Deployment> allHistory() {
        List<Deployment> all = new ArrayList<>();
        history.values().forEach(r -> all.addAll(r.snapshot()));
        all.sort(Comparator.comparing(Deployment::getChangedAt));
        return all;
    }

    public List<ScorerStatus> statuses(String model) {
        return statuses.values().stream()
                .filter(s -> s.getModel().equals(model))
                .sorted(Comparator.comparing(ScorerStatus::getScorer))
                .toList();
    }

    /** The per-arm points of {@code model}, oldest first: the newest at full resolution, older ones thinned. */
    public List<ArmPoint> series(String model) {
        Downsampled<ArmPoint> ring = series.get(model);
        return ring == null ? List.of() : ring.snapshot();
    }

    public List<QualityStats> quality(String model) {
        return quality.values().stream().filter(q -> q.getModel().equals(model)).toList();
    }

    public List<QualityPoint> qualitySeries(String model) {
        Downsampled<QualityPoint> ring = qualitySeries.get(model);
        return ring == null ? List.of() : ring.snapshot();
    }

    /** The drift alerts not resolved since, per version and subject. */
    public List<Alert> openDrift(String model) {
        return driftNow.values().stream()
                .filter(a -> a.getModel().equals(model))
                .sorted(Comparator.comparing(Alert::getValue).reversed())
                .toList();
    }

    public List<Alert> alerts() {
        return alerts.snapshot();
    }

    public List<StoredDeadLetter> deadLetters() {
        return deadLetters.snapshot();
    }

    public List<ConsoleAction> actions() {
        return actions.snapshot();
    }

    private static ArmStats find(List<ArmStats> arms, ArmStats like) {
        for (ArmStats a : arms) {
            if (a.getVersion() == like.getVersion() && a.getArm().equals(like.getArm())) {
                return a;
            }
        }
        return null;
    }
}
