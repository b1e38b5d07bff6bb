/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.inferstream.model.features.MapFieldSource;
import dev.inferstream.model.manifest.ManifestParser;
import dev.inferstream.model.manifest.ModelManifest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DriftMonitorTest {
    private static final String MANIFEST = """
            name: fraud
            version: 3
            inputs:
              - name: features
                type: float32
                fields:
                  - amount
                  - {name: channel, vocabulary: [pos, ecommerce, atm]}
                  - hour
            outputs:
              - {name: probabilities, kind: probabilities, labels: [legit, fraud], positive: fraud}
            baseline:
              amount: {bins: {edges: [10, 50, 200], frequencies: [0.2, 0.4, 0.3, 0.1]}}
              channel: {categories: {pos: 0.6, ecommerce: 0.3, atm: 0.1}}
            """;

    @Test
    void psiStaysLowOnTheTrainingDistributionAndRisesWhenItShifts() throws Exception {
        DriftMonitor monitor = new DriftMonitor(manifest(), 2_000);
        Random random = new Random(7);
        List<DriftMonitor.Report> reports = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            boolean shifted = i >= 4_000;
            DriftMonitor.Report r = monitor.observe(
                    new MapFieldSource(Map.of(
                            "amount",
                            shifted ? 150 + 300 * random.nextDouble() : amount(random),
                            "channel",
                            channel(random, shifted),
                            "hour",
                            (double) random.nextInt(24))),
                    random.nextDouble() * (shifted ? 0.5 : 1));
            if (r != null) {
                reports.add(r);
            }
        }

        assertThat(reports).hasSize(3);
        DriftMonitor.Report first = reports.get(0);
        assertThat(first.psi()).containsOnlyKeys("amount", "channel");
        assertThat(first.psi().get("amount")).isLessThan(0.05);
        assertThat(first.psi().get("channel")).isLessThan(0.05);

        DriftMonitor.Report stable = reports.get(1);
        assertThat(stable.psi()).containsOnlyKeys("amount", "channel", "hour", "score");
        assertThat(stable.psi().values()).allSatisfy(psi -> assertThat(psi).isLessThan(0.05));

        DriftMonitor.Report drifted = reports.get(2);
        assertThat(drifted.psi().get("amount")).isGreaterThan(0.5);
        assertThat(drifted.psi().get("channel")).isGreaterThan(0.5);
        assertThat(drifted.psi().get("score")).isGreaterThan(0.2);
        assertThat(drifted.psi().get("hour")).isLessThan(0.05);
    }

    @Test
    void batchesMergedFromSeveralTasksReportWhatOneMonitorReportsForTheSameRecords() throws Exception {
        DriftMonitor single = new DriftMonitor(manifest(), 500);
        DriftMonitor shared = new DriftMonitor(manifest(), 500);
        List<DriftBatch> tasks = List.of(shared.batch(), shared.batch(), shared.batch());
        Random random = new Random(11);
        List<DriftMonitor.Report> expected = new ArrayList<>();
        List<DriftMonitor.Report> merged = new ArrayList<>();
        for (int i = 0; i < 4_000; ) {
            // each task bins a batch of its own, then merges it; records count in the order the batches merge
            DriftBatch task = tasks.get(random.nextInt(tasks.size()));
            int size = 1 + random.nextInt(90);
            for (int r = 0; r < size; r++, i++) {
                boolean shifted = i >= 2_500;
                MapFieldSource fields = new MapFieldSource(Map.of(
                        "amount",
                        shifted ? 150 + 300 * random.nextDouble() : amount(random),
                        "channel",
                        channel(random, shifted),
                        "hour",
                        random.nextInt(24)));
                Double score = random.nextInt(50) == 0 ? null : random.nextDouble() * (shifted ? 0.5 : 1);
                DriftMonitor.Report report = single.observe(fields, score);
                if (report != null) {
                    expected.add(report);
                }
                task.add(fields, score);
            }
            merged.addAll(shared.observe(task));
            assertThat(task.size()).isZero();
        }

        assertThat(expected).hasSize(8);
        assertThat(expected.get(7).psi()).containsOnlyKeys("amount", "channel", "hour", "score");
        assertThat(merged).isEqualTo(expected);
    }

    @Test
    void batchOfAnotherMonitorIsRefused() throws Exception {
        DriftMonitor monitor = new DriftMonitor(manifest(), 100);
        DriftBatch other = new DriftMonitor(manifest(), 100).batch();

        assertThatThrownBy(() -> monitor.observe(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("made by another monitor (fraud v3)");
    }

    @Test
    void learningKeepsNumbersOfEveryBoxedTypeExactly() {
        Random random = new Random(5);
        List<Object> values = new ArrayList<>();
        LearningSample sample = new LearningSample(16);
        for (int i = 0; i < 3_000; i++) {
            Object value = switch (i % 5) {
                case 0 -> Double.valueOf(random.nextDouble() * 100);
                case 1 -> Float.valueOf(random.nextFloat() * 100);
                case 2 -> Integer.valueOf(random.nextInt(100));
                case 3 -> Long.valueOf(random.nextInt(100));
                default -> null;
            };
            values.add(value);
            sample.add(value);
        }

        Binning.Numeric learned = (Binning.Numeric) sample.learn();
        Binning.Numeric fromObjects = (Binning.Numeric) LearningSample.learnFrom(values);
        assertThat(learned.edges).containsExactly(fromObjects.edges);
        assertThat(learned.reference()).containsExactly(fromObjects.reference());
    }

    @Test
    void learningSwitchesToCategoriesWhenAValueIsNotANumber() {
        LearningSample sample = new LearningSample(16);
        sample.add(1);
        sample.add(2.5f);
        sample.add(null);
        sample.add("atm");

        Binning learned = sample.learn();
        assertThat(learned).isInstanceOf(Binning.Categorical.class);
        assertThat(learned.bin("1")).isEqualTo(learned.bin(1)).isNotEqualTo(learned.bin("2.5"));
        assertThat(learned.bin("2.5")).isEqualTo(learned.bin(2.5f));
        assertThat(learned.reference()).containsExactly(0.25, 0.25, 0.25, 0, 0);
    }

    @Test
    void psiOfIdenticalSharesIsZeroAndEmptyBinsStayFinite() {
        assertThat(Psi.of(new double[] {0.5, 0.5}, new double[] {0.5, 0.5})).isZero();
        assertThat(Psi.of(new double[] {1, 0}, new double[] {0, 1})).isFinite().isGreaterThan(10);
        assertThat(Psi.of(new double[] {0.2, 0.8}, new double[] {0.3, 0.7}))
                .isCloseTo(0.1 * Math.log(1.5) - 0.1 * Math.log(0.7 / 0.8), within(1e-12));
    }

    private static double amount(Random random) {
        double u = random.nextDouble();
        return u < 0.2
                ? 10 * random.nextDouble()
                : u < 0.6
                        ? 10 + 40 * random.nextDouble()
                        : u < 0.9 ? 50 + 150 * random.nextDouble() : 200 + 800 * random.nextDouble();
    }

    private static String channel(Random random, boolean shifted) {
        double u = random.nextDouble();
        if (shifted) {
            return u < 0.2 ? "pos" : u < 0.9 ? "ecommerce" : "atm";
        }
        return u < 0.6 ? "pos" : u < 0.9 ? "ecommerce" : "atm";
    }

    private static ModelManifest manifest() throws Exception {
        return ManifestParser.parse(MANIFEST.getBytes(StandardCharsets.UTF_8), "model.yaml");
    }
}
