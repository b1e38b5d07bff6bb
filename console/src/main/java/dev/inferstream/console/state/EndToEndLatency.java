/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.state;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far behind their input the scorers are, in time: the p99 of {@code inferstream_end_to_end_latency_seconds}
 * (input record timestamp → prediction) per model, scraped from the scorers' admin {@code /metrics} and summed over
 * scorers, over the records predicted since the previous scrape.
 */
public final class EndToEndLatency implements AutoCloseable {
    static final String BUCKET = "inferstream_end_to_end_latency_seconds_bucket";

    private static final Logger LOG = LoggerFactory.getLogger(EndToEndLatency.class);
    private static final Pattern SAMPLE = Pattern.compile("^" + BUCKET + "\\{([^}]*)}\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final List<URI> scorers;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Set<URI> failing = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "console-scorer-metrics");
        t.setDaemon(true);
        return t;
    });
    private Map<String, TreeMap<Double, Double>> previous = Map.of();
    private volatile Map<String, Double> p99 = Map.of();

    /** @param scorers the scorers' admin endpoints ({@code http://host:port}, or their {@code /metrics} address) */
    public EndToEndLatency(List<URI> scorers) {
        this.scorers = List.copyOf(scorers);
    }

    /** Scrapes every {@code interval} from now on (nothing when no scorer is named). */
    public void start(Duration interval) {
        if (!scorers.isEmpty()) {
            timer.scheduleWithFixedDelay(this::scrape, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The p99 end-to-end latency of {@code model} in seconds; NaN when no scorer reported predictions of it. */
    public double seconds(String model) {
        Double value = p99.get(model);
        return value == null ? Double.NaN : value;
    }

    void scrape() {
        Map<String, TreeMap<Double, Double>> now = new HashMap<>();
        for (URI scorer : scorers) {
            URI metrics = scorer.getPath().endsWith("/metrics") ? scorer : scorer.resolve("/metrics");
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(metrics)
                                .timeout(Duration.ofSeconds(5))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + response.statusCode());
                }
                parse(response.body(), now);
                if (failing.remove(scorer)) {
                    LOG.info("{} answers again", metrics);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (failing.add(scorer)) {
                    LOG.warn(
                            "cannot read {} ({}): check console.scorer.admin.urls and the scorer's scorer.admin.port",
                            metrics,
                            e.toString());
                }
            }
        }
        Map<String, Double> latest = new HashMap<>();
        now.forEach((model, buckets) -> {
            double value = p99(since(buckets, previous.get(model)));
            if (!Double.isNaN(value)) {
                latest.put(model, value);
            }
        });
        previous = now;
        p99 = Map.copyOf(latest);
    }

    /** Adds the end-to-end latency buckets of one scrape to {@code into}: model → upper bound → cumulative count. */
    static void parse(String text, Map<String, TreeMap<Double, Double>> into) {
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.find()) {
                continue;
            }
            String model = null;
            String le = null;
            Matcher label = LABEL.matcher(sample.group(1));
            while (label.find()) {
                if (label.group(1).equals("model")) {
                    model = label.group(2);
                } else if (label.group(1).equals("le")) {
                    le = label.group(2);
                }
            }
            if (model == null || le == null) {
                continue;
            }
            double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
            into.computeIfAbsent(model, m -> new TreeMap<>())
                    .merge(bound, Double.parseDouble(sample.group(2)), Double::sum);
        }
    }

    /** The buckets of the records counted since {@code before}; all of them when a scorer restarted since. */
    static TreeMap<Double, Double> since(TreeMap<Double, Double> now, TreeMap<Double, Double> before) {
        if (before == null) {
            return now;
        }
        TreeMap<Double, Double> delta = new TreeMap<>();
        for (Map.Entry<Double, Double> bucket : now.entrySet()) {
            double d = bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0);
            if (d < 0) {
                return now;
            }
            delta.put(bucket.getKey(), d);
        }
        return delta;
    }

    /** The upper bound of the bucket holding the 99th percentile; NaN for no records. */
    static double p99(TreeMap<Double, Double> cumulative) {
        double total = cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
        if (total <= 0) {
            return Double.NaN;
        }
        double finite = Double.NaN;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getKey().isInfinite()) {
                return finite;
            }
            finite = bucket.getKey();
            if (bucket.getValue() >= 0.99 * total) {
                return finite;
            }
        }
        return finite;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
