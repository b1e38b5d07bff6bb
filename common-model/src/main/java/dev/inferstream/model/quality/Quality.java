/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.quality;

import dev.inferstream.schemas.ClassProbability;
import dev.inferstream.schemas.Feedback;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.QualityStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Online quality of predictions judged against observed outcomes: accuracy, log-loss, precision and recall of the
 * positive class, calibration; MAE and RMSE for values; mean reward. Accumulated in {@code QualityStats} records
 * (plain sums and counts, so partitions and instances add up), summarized by {@link #summarize}.
 */
public final class Quality {
    private static final int DECILES = 10;
    private static final double MIN_PROBABILITY = 1e-15;

    private Quality() {}

    /** Derived figures; null where nothing was observed. */
    public record Summary(
            long predictions,
            long joined,
            long duplicates,
            long classified,
            Double accuracy,
            Double logLoss,
            Double precision,
            Double recall,
            Double calibrationError,
            long regressed,
            Double mae,
            Double rmse,
            long rewards,
            Double meanReward) {

        /** The names of {@link #figures()}, in order. */
        public static final List<String> FIGURES =
                List.of("accuracy", "logLoss", "precision", "recall", "calibrationError", "mae", "rmse", "meanReward");

        /** The derived figures by name, in a stable order; null where nothing was observed. */
        public Map<String, Double> figures() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("accuracy", accuracy);
            m.put("logLoss", logLoss);
            m.put("precision", precision);
            m.put("recall", recall);
            m.put("calibrationError", calibrationError);
            m.put("mae", mae);
            m.put("rmse", rmse);
            m.put("meanReward", meanReward);
            return m;
        }
    }

    public static QualityStats empty(String model, int version, String arm, int partition) {
        return new QualityStats(
                model,
                version,
                arm,
                partition,
                Instant.EPOCH,
                0L,
                0L,
                0L,
                0L,
                0L,
                0.0,
                0L,
                0L,
                0L,
                0L,
                0L,
                new ArrayList<>(Collections.nCopies(DECILES, 0.0)),
                new ArrayList<>(Collections.nCopies(DECILES, 0L)),
                new ArrayList<>(Collections.nCopies(DECILES, 0L)),
                0L,
                0.0,
                0.0,
                0L,
                0.0,
                0.0);
    }

    /** Counts {@code prediction} judged by {@code feedback}. */
    public static void join(QualityStats s, Prediction prediction, Feedback feedback) {
        s.setJoined(s.getJoined() + 1);
        if (feedback.getLabel() != null && prediction.getLabel() != null) {
            classify(s, prediction, feedback.getLabel());
        }
        if (feedback.getReward() != null) {
            double reward = feedback.getReward();
            s.setRewards(s.getRewards() + 1);
            s.setRewardSum(s.getRewardSum() + reward);
            s.setRewardSquaredSum(s.getRewardSquaredSum() + reward * reward);
            if (prediction.getScore() != null && prediction.getProbabilities().isEmpty()) {
                double error = prediction.getScore() - reward;
                s.setRegressed(s.getRegressed() + 1);
                s.setAbsErrorSum(s.getAbsErrorSum() + Math.abs(error));
                s.setSquaredErrorSum(s.getSquaredErrorSum() + error * error);
            }
        }
    }

    private static void classify(QualityStats s, Prediction p, String observed) {
        s.setClassified(s.getClassified() + 1);
        if (p.getLabel().equals(observed)) {
            s.setCorrect(s.getCorrect() + 1);
        }
        for (ClassProbability c : p.getProbabilities()) {
            if (c.getLabel().equals(observed)) {
                s.setLogLossSum(s.getLogLossSum() - Math.log(Math.max(c.getProbability(), MIN_PROBABILITY)));
                s.setLogLossCount(s.getLogLossCount() + 1);
            }
        }
        String positive = positiveClass(p);
        if (positive == null) {
            return;
        }
        boolean predicted = p.getLabel().equals(positive);
        boolean actual = observed.equals(positive);
        if (predicted && actual) {
            s.setTruePositives(s.getTruePositives() + 1);
        } else if (predicted) {
            s.setFalsePositives(s.getFalsePositives() + 1);
        } else if (actual) {
            s.setFalseNegatives(s.getFalseNegatives() + 1);
        } else {
            s.setTrueNegatives(s.getTrueNegatives() + 1);
        }
        int decile = Math.min(DECILES - 1, Math.max(0, (int) Math.floor(p.getScore() * DECILES)));
        s.getCalibrationScoreSum().set(decile, s.getCalibrationScoreSum().get(decile) + p.getScore());
        s.getCalibrationPositives().set(decile, s.getCalibrationPositives().get(decile) + (actual ? 1 : 0));
        s.getCalibrationCount().set(decile, s.getCalibrationCount().get(decile) + 1);
    }

    /** The class whose probability the score is, for binary classifiers; null otherwise. */
    static String positiveClass(Prediction p) {
        if (p.getScore() == null || p.getProbabilities().size() != 2) {
            return null;
        }
        for (ClassProbability c : p.getProbabilities()) {
            if (Objects.equals(c.getProbability(), p.getScore())) {
                return c.getLabel();
            }
        }
        return null;
    }

    /** Adds up {@code stats} (partitions, instances) and derives the figures. */
    public static Summary summarize(Collection<QualityStats> stats) {
        long predictions = 0;
        long joined = 0;
        long duplicates = 0;
        long classified = 0;
        long correct = 0;
        double logLoss = 0;
        long logLossCount = 0;
        long tp = 0;
        long fp = 0;
        long fn = 0;
        double[] scoreSum = new double[DECILES];
        long[] positives = new long[DECILES];
        long[] counts = new long[DECILES];
        long regressed = 0;
        double abs = 0;
        double squared = 0;
        long rewards = 0;
        double rewardSum = 0;
        for (QualityStats s : stats) {
            predictions += s.getPredictions();
            joined += s.getJoined();
            duplicates += s.getDuplicates();
            classified += s.getClassified();
            correct += s.getCorrect();
            logLoss += s.getLogLossSum();
            logLossCount += s.getLogLossCount();
            tp += s.getTruePositives();
            fp += s.getFalsePositives();
            fn += s.getFalseNegatives();
            for (int d = 0; d < DECILES && d < s.getCalibrationCount().size(); d++) {
                scoreSum[d] += s.getCalibrationScoreSum().get(d);
                positives[d] += s.getCalibrationPositives().get(d);
                counts[d] += s.getCalibrationCount().get(d);
            }
            regressed += s.getRegressed();
            abs += s.getAbsErrorSum();
            squared += s.getSquaredErrorSum();
            rewards += s.getRewards();
            rewardSum += s.getRewardSum();
        }
        long calibrated = 0;
        double gap = 0;
        for (int d = 0; d < DECILES; d++) {
            if (counts[d] > 0) {
                calibrated += counts[d];
                gap += Math.abs(scoreSum[d] - positives[d]);
            }
        }
        return new Summary(
                predictions,
                joined,
                duplicates,
                classified,
                ratio(correct, classified),
                logLossCount == 0 ? null : logLoss / logLossCount,
                ratio(tp, tp + fp),
                ratio(tp, tp + fn),
                calibrated == 0 ? null : gap / calibrated,
                regressed,
                regressed == 0 ? null : abs / regressed,
                regressed == 0 ? null : Math.sqrt(squared / regressed),
                rewards,
                rewards == 0 ? null : rewardSum / rewards);
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : numerator / (double) denominator;
    }

    /** Adds {@code from}'s counts into {@code into} (same model, version and arm). */
    public static void add(QualityStats into, QualityStats from) {
        into.setPredictions(into.getPredictions() + from.getPredictions());
        into.setJoined(into.getJoined() + from.getJoined());
        into.setDuplicates(into.getDuplicates() + from.getDuplicates());
        into.setClassified(into.getClassified() + from.getClassified());
        into.setCorrect(into.getCorrect() + from.getCorrect());
        into.setLogLossSum(into.getLogLossSum() + from.getLogLossSum());
        into.setLogLossCount(into.getLogLossCount() + from.getLogLossCount());
        into.setTruePositives(into.getTruePositives() + from.getTruePositives());
        into.setFalsePositives(into.getFalsePositives() + from.getFalsePositives());
        into.setFalseNegatives(into.getFalseNegatives() + from.getFalseNegatives());
        into.setTrueNegatives(into.getTrueNegatives() + from.getTrueNegatives());
        for (int d = 0; d < DECILES && d < from.getCalibrationCount().size(); d++) {
            into.getCalibrationScoreSum()
                    .set(
                            d,
                            into.getCalibrationScoreSum().get(d)
                                    + from.getCalibrationScoreSum().get(d));
            into.getCalibrationPositives()
                    .set(
                            d,
                            into.getCalibrationPositives().get(d)
                                    + from.getCalibrationPositives().get(d));
            into.getCalibrationCount()
                    .set(
                            d,
                            into.getCalibrationCount().get(d)
                                    + from.getCalibrationCount().get(d));
        }
        into.setRegressed(into.getRegressed() + from.getRegressed());
        into.setAbsErrorSum(into.getAbsErrorSum() + from.getAbsErrorSum());
        into.setSquaredErrorSum(into.getSquaredErrorSum() + from.getSquaredErrorSum());
        into.setRewards(into.getRewards() + from.getRewards());
        into.setRewardSum(into.getRewardSum() + from.getRewardSum());
        into.setRewardSquaredSum(into.getRewardSquaredSum() + from.getRewardSquaredSum());
    }

    /** A copy that can be changed without touching {@code stats}. */
    public static QualityStats copy(QualityStats stats) {
        QualityStats c = QualityStats.newBuilder(stats).build();
        c.setCalibrationScoreSum(new ArrayList<>(stats.getCalibrationScoreSum()));
        c.setCalibrationPositives(new ArrayList<>(stats.getCalibrationPositives()));
        c.setCalibrationCount(new ArrayList<>(stats.getCalibrationCount()));
        return c;
    }
}
