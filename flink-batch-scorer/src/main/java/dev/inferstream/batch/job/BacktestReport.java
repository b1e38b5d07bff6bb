/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.inferstream.batch.scoring.BacktestTally;
import dev.inferstream.batch.scoring.Importance;
import dev.inferstream.batch.scoring.ScoringOperator;
import dev.inferstream.model.quality.Quality;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;

/**
 * The outcome of a backtest: both versions' quality on the rows' observed outcomes, their agreement, and whether
 * the candidate passed the accuracy gate. Written as JSON and summarized in one line.
 */
public record BacktestReport(String model, BacktestTally tally, Double maxAccuracyDrop) {

    /** The report of a finished job, or null when the job was not a backtest. */
    public static BacktestReport of(JobOptions options, JobExecutionResult result) {
        if (options.backtest() == null) {
            return null;
        }
        List<BacktestTally> tallies = result.getAccumulatorResult(ScoringOperator.BACKTEST);
        BacktestTally total = null;
        for (BacktestTally t : tallies == null ? List.<BacktestTally>of() : tallies) {
            total = total == null ? t : total.merge(t);
        }
        if (total == null) {
            total = new BacktestTally(
                    options.model(),
                    Integer.parseInt(options.version()),
                    options.backtest().candidate());
        }
        return new BacktestReport(options.model(), total, options.backtest().maxAccuracyDrop());
    }

    /** False when the gate is set, both accuracies are known, and the candidate's is lower by more than allowed. */
    public boolean passed() {
        Double stable = tally.stableQuality().accuracy();
        Double candidate = tally.candidateQuality().accuracy();
        return maxAccuracyDrop == null || stable == null || candidate == null || candidate >= stable - maxAccuracyDrop;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("rows", tally.compared());
        m.put("stable", version(tally.stableVersion(), tally.stableQuality()));
        m.put("candidate", version(tally.candidateVersion(), tally.candidateQuality()));
        Map<String, Object> agreement = new LinkedHashMap<>();
        agreement.put("compared", tally.compared());
        agreement.put("agreed", tally.agreed());
        agreement.put("rate", tally.compared() == 0 ? null : tally.agreed() / (double) tally.compared());
        agreement.put("meanAbsScoreDelta", tally.meanAbsScoreDelta());
        agreement.put("maxAbsScoreDelta", tally.maxAbsScoreDelta());
        m.put("agreement", agreement);
        Map<String, Object> importance = new LinkedHashMap<>();
        importance.put("stable", importance(tally.stableImportance()));
        importance.put("candidate", importance(tally.candidateImportance()));
        m.put("importance", importance);
        m.put("maxAccuracyDrop", maxAccuracyDrop);
        m.put("passed", passed());
        return m;
    }

    /** A version's mean |attribution| per field, largest first, or why there is none. */
    private static Map<String, Object> importance(Importance importance) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", importance.rows());
        if (importance.rows() == 0) {
            m.put("note", "no row explained: the version's model.yaml has no explain section");
            return m;
        }
        m.put("method", importance.method());
        m.put("space", importance.space());
        m.put("meanAbsAttribution", importance.meanAbsolute());
        return m;
    }

    private static Map<String, Object> version(int version, Quality.Summary q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version);
        m.put("judged", q.joined());
        m.putAll(q.figures());
        return m;
    }

    public void write(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(
                file,
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toMap()) + "\n");
    }

    public String summary() {
        Quality.Summary s = tally.stableQuality();
        Quality.Summary c = tally.candidateQuality();
        return String.format(
                        Locale.ROOT,
                        "backtest of %s v%d vs v%d over %,d rows: agreement %s; accuracy %s vs %s; "
                                + "log-loss %s vs %s%s",
                        model,
                        tally.stableVersion(),
                        tally.candidateVersion(),
                        tally.compared(),
                        percent(tally.compared() == 0 ? null : tally.agreed() / (double) tally.compared()),
                        percent(s.accuracy()),
                        percent(c.accuracy()),
                        number(s.logLoss()),
                        number(c.logLoss()),
                        maxAccuracyDrop == null
                                ? ""
                                : passed() ? "; PASSED the accuracy gate" : "; FAILED the accuracy gate")
                + drivers();
    }

    /** The three most important fields of each version, when their rows were explained. */
    private String drivers() {
        Importance stable = tally.stableImportance();
        Importance candidate = tally.candidateImportance();
        if (stable.rows() == 0 && candidate.rows() == 0) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                "; top fields v%d: %s, v%d: %s",
                tally.stableVersion(),
                top(stable),
                tally.candidateVersion(),
                top(candidate));
    }

    private static String top(Importance importance) {
        return importance.rows() == 0
                ? "-"
                : String.join(
                        ", ",
                        importance.meanAbsolute().keySet().stream().limit(3).toList());
    }

    private static String percent(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.2f %%", 100 * value);
    }

    private static String number(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }
}
