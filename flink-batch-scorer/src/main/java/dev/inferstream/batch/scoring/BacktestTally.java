/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.scoring;

import dev.inferstream.model.explain.Explanation;
import dev.inferstream.model.quality.Quality;
import dev.inferstream.schemas.Feedback;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.QualityStats;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One scoring task's side-by-side count in a backtest: each version's quality against the observed outcomes and
 * how often the two versions agree. Tallies of all tasks add up to the report.
 */
public final class BacktestTally implements Serializable {
    private static final long serialVersionUID = 1L;

    private final QualityStats stable;
    private final QualityStats candidate;
    private long compared;
    private long agreed;
    private long scoreDeltas;
    private double absScoreDeltaSum;
    private double maxAbsScoreDelta;
    private final Importance stableImportance = new Importance();
    private final Importance candidateImportance = new Importance();

    public BacktestTally(String model, int stable, int candidate) {
        this.stable = Quality.empty(model, stable, "stable", 0);
        this.candidate = Quality.empty(model, candidate, "candidate", 0);
    }

    /**
     * Counts one row scored by both versions.
     *
     * @param observed the row's observed outcome (label or value), or null when it has none
     */
    void add(Prediction stablePrediction, Prediction candidatePrediction, Object observed) {
        compared++;
        if (Objects.equals(stablePrediction.getLabel(), candidatePrediction.getLabel())) {
            agreed++;
        }
        if (stablePrediction.getScore() != null && candidatePrediction.getScore() != null) {
            double delta = Math.abs(stablePrediction.getScore() - candidatePrediction.getScore());
            scoreDeltas++;
            absScoreDeltaSum += delta;
            maxAbsScoreDelta = Math.max(maxAbsScoreDelta, delta);
        }
        if (observed != null) {
            Feedback outcome = new Feedback(
                    null,
                    null,
                    stable.getModel(),
                    observed.toString(),
                    observed instanceof Number n ? n.doubleValue() : null,
                    Instant.EPOCH);
            stable.setPredictions(stable.getPredictions() + 1);
            candidate.setPredictions(candidate.getPredictions() + 1);
            Quality.join(stable, stablePrediction, outcome);
            Quality.join(candidate, candidatePrediction, outcome);
        }
    }

    /** Adds one row's explanations by both versions (either null when that version could not explain it). */
    void explained(Explanation stableExplanation, Explanation candidateExplanation) {
        if (stableExplanation != null) {
            stableImportance.add(stableExplanation);
        }
        if (candidateExplanation != null) {
            candidateImportance.add(candidateExplanation);
        }
    }

    /** Adds {@code other} into this tally. */
    public BacktestTally merge(BacktestTally other) {
        stableImportance.merge(other.stableImportance);
        candidateImportance.merge(other.candidateImportance);
        compared += other.compared;
        agreed += other.agreed;
        scoreDeltas += other.scoreDeltas;
        absScoreDeltaSum += other.absScoreDeltaSum;
        maxAbsScoreDelta = Math.max(maxAbsScoreDelta, other.maxAbsScoreDelta);
        Quality.add(stable, other.stable);
        Quality.add(candidate, other.candidate);
        return this;
    }

    public int stableVersion() {
        return stable.getVersion();
    }

    public int candidateVersion() {
        return candidate.getVersion();
    }

    public Quality.Summary stableQuality() {
        return Quality.summarize(List.of(stable));
    }

    public Quality.Summary candidateQuality() {
        return Quality.summarize(List.of(candidate));
    }

    /** The stable version's global importance over the explained rows. */
    public Importance stableImportance() {
        return stableImportance;
    }

    public Importance candidateImportance() {
        return candidateImportance;
    }

    public long compared() {
        return compared;
    }

    public long agreed() {
        return agreed;
    }

    public Double meanAbsScoreDelta() {
        return scoreDeltas == 0 ? null : absScoreDeltaSum / scoreDeltas;
    }

    public double maxAbsScoreDelta() {
        return maxAbsScoreDelta;
    }
}
