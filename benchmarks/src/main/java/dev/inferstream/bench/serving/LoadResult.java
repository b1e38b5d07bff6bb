/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench.serving;

import java.util.Arrays;
import java.util.List;

/** What one load run measured: completed requests per second and latency percentiles, in microseconds. */
record LoadResult(double perSecond, double p50Micros, double p99Micros, long errors) {

    static LoadResult of(List<long[]> latenciesPerClient, int[] counts, double seconds, long errors) {
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < counts.length; i++) {
            System.arraycopy(latenciesPerClient.get(i), 0, all, at, counts[i]);
            at += counts[i];
        }
        Arrays.sort(all);
        return new LoadResult(total / seconds, percentile(all, 0.50), percentile(all, 0.99), errors);
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1000.0;
    }
}
