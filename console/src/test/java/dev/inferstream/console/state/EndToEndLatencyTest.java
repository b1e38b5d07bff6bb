/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EndToEndLatencyTest {
    private static String scrape(String model, double under1s, double under5s, double total) {
        return "# TYPE inferstream_end_to_end_latency_seconds histogram\n"
                + "inferstream_end_to_end_latency_seconds_bucket{model=\"" + model + "\",le=\"1.0\"} " + under1s + "\n"
                + "inferstream_end_to_end_latency_seconds_bucket{model=\"" + model + "\",le=\"5.0\"} " + under5s + "\n"
                + "inferstream_end_to_end_latency_seconds_bucket{model=\"" + model + "\",le=\"+Inf\"} " + total + "\n"
                + "inferstream_end_to_end_latency_seconds_count{model=\"" + model + "\"} " + total + "\n"
                + "inferstream_scoring_latency_seconds_bucket{model=\"" + model + "\",le=\"1.0\"} 3\n";
    }

    @Test
    void bucketsOfEveryScorerAreSummedPerModel() {
        Map<String, TreeMap<Double, Double>> into = new HashMap<>();
        EndToEndLatency.parse(scrape("fraud", 10, 10, 10), into);
        EndToEndLatency.parse(scrape("fraud", 90, 100, 100) + scrape("loans", 1, 2, 2), into);
        assertThat(into.get("fraud"))
                .containsExactlyEntriesOf(
                        new TreeMap<>(Map.of(1.0, 100.0, 5.0, 110.0, Double.POSITIVE_INFINITY, 110.0)));
        assertThat(into).containsOnlyKeys("fraud", "loans");
    }

    @Test
    void theP99IsTheUpperBoundOfItsBucketOverTheRecordsSinceTheLastScrape() {
        TreeMap<Double, Double> before = buckets(scrape("fraud", 10_000, 10_000, 10_000));
        TreeMap<Double, Double> now = buckets(scrape("fraud", 10_050, 10_100, 10_100));
        // since the last scrape: 50 of 100 records under 1 s, all under 5 s
        assertThat(EndToEndLatency.p99(EndToEndLatency.since(now, before))).isEqualTo(5.0);
        // over all records the p99 would still be under 1 s
        assertThat(EndToEndLatency.p99(now)).isEqualTo(1.0);
    }

    @Test
    void noNewRecordsIsUnknownAndARestartedScorerCountsAfresh() {
        TreeMap<Double, Double> before = buckets(scrape("fraud", 100, 100, 100));
        assertThat(EndToEndLatency.p99(EndToEndLatency.since(before, before))).isNaN();
        TreeMap<Double, Double> restarted = buckets(scrape("fraud", 0, 4, 4));
        assertThat(EndToEndLatency.p99(EndToEndLatency.since(restarted, before)))
                .isEqualTo(5.0);
        TreeMap<Double, Double> beyond = buckets(scrape("fraud", 0, 0, 7));
        assertThat(EndToEndLatency.p99(beyond))
                .as("past the last finite bucket")
                .isEqualTo(5.0);
    }

    private static TreeMap<Double, Double> buckets(String text) {
        Map<String, TreeMap<Double, Double>> into = new HashMap<>();
        EndToEndLatency.parse(text, into);
        return into.get("fraud");
    }
}
