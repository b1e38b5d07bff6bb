/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench.streaming;

import dev.inferstream.bench.BenchModels;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.stack.LocalStack;
import dev.inferstream.stack.StackConfig;
import dev.inferstream.stack.StackState;
import dev.inferstream.streaming.StreamingScorer;
import dev.inferstream.streaming.config.ScorerConfig;
import dev.inferstream.testkit.onnx.TestModels;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * End-to-end streaming benchmark against a real local broker: sustained throughput from a backlog and latency at
 * half of it, for the pass-through, logistic-regression and MLP models, at-least-once and exactly-once, over
 * micro-batch sizes and waits. Prints Markdown tables for BENCHMARKS.md.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.inferstream.bench.streaming.StreamingBenchmark [events]}
 */
public final class StreamingBenchmark {
    private static final int FEATURES = 30;
    static final int PARTITIONS = 2;
    private static final Schema EVENT = eventSchema();

    private final PrintStream out = System.out;
    private final String bootstrap;
    private final String registryUrl;
    private final SchemaRegistryClient registry;
    private final Path work;
    private final LocalModelRepository models;

    private StreamingBenchmark(StackState stack, Path work) throws Exception {
        this.bootstrap = stack.bootstrapServers();
        this.registryUrl = stack.registryUrl();
        this.registry = new SchemaRegistryClient(RegistryConfig.of(registryUrl));
        this.work = work;
        this.models = new LocalModelRepository(work.resolve("models"));
        publish("passthrough", TestModels.passThrough(FEATURES), "  - {name: score, kind: score}\n");
        String binary = BenchModels.OUTPUTS;
        publish("lr", TestModels.logisticRegression(FEATURES, 42).onnx(), binary);
        publish("mlp", TestModels.mlp(FEATURES, 64, 32, 2, 42), binary);
    }

    /** The scorer's default drift window, as users run it. */
    static final int DEFAULT_DRIFT_WINDOW = 10_000;

    /**
     * {@code [events] [monitoring | sparse <earlier streaming-scorer.jar> | ceiling [<earlier streaming-scorer.jar>]
     * | commit [events/s] | scaleout [events/s]]}: the full run, only the drift-detection overhead section, only the
     * latency at low and moderate rates of an earlier build next to this one, only the scorer (and an earlier build)
     * next to the framework's ceiling, only the exactly-once latency per {@code commit.interval.ms}, or only the
     * scale-out over 1–3 instances ({@code events} = the backlog, 0 to skip it) and a rebalance under a paced load.
     */
    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String section = args.length > 1 ? args[1] : "all";
        Path work = Files.createTempDirectory("inferstream-streaming-bench");
        StackState stack = LocalStack.start(
                StackConfig.ephemeral(work.resolve("stack")),
                ProcessHandle.current().pid());
        try {
            StreamingBenchmark bench = new StreamingBenchmark(stack, work);
            switch (section) {
                case "monitoring" -> bench.monitoring(events);
                case "sparse" ->
                    new SparseTrafficLatency(
                                    bench::latencyRun, bench.out, args[2], System.getProperty("java.class.path"))
                            .run();
                case "ceiling" ->
                    new CeilingBenchmark(
                                    bench,
                                    bench.out,
                                    System.getProperty("java.class.path"),
                                    args.length > 2 ? args[2] : null)
                            .run(events);
                case "scaleout" ->
                    new ScaleOutBenchmark(bench, bench.out, System.getProperty("java.class.path"))
                            .run(events, args.length > 2 ? Integer.parseInt(args[2]) : RebalanceRun.DEFAULT_RATE);
                case "commit" ->
                    new CommitIntervalLatency(bench, bench.out, System.getProperty("java.class.path"))
                            .run(args.length > 2 ? Integer.parseInt(args[2]) : CommitIntervalLatency.DEFAULT_RATE);
                default -> bench.run(events);
            }
        } finally {
            LocalStack.stop(work.resolve("stack"));
        }
        System.exit(0);
    }

    String bootstrap() {
        return bootstrap;
    }

    Path work() {
        return work;
    }

    private void run(int events) throws Exception {
        String backlog = topic("backlog", PARTITIONS);
        long produceStart = System.nanoTime();
        produce(backlog, events, 0);
        out.printf(
                "backlog: %,d events in %d ms%n",
                events, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - produceStart));

        // warm-up: class loading and JIT of the whole path, not measured
        throughput(backlog, events, "mlp", "at_least_once", 64, 5);
        throughput(backlog, events, "passthrough", "exactly_once_v2", 8, 5);

        Map<String, Double> throughput = new LinkedHashMap<>();
        out.println();
        out.println("### Sustained throughput (events/s, " + String.format("%,d", events) + "-event backlog, "
                + PARTITIONS + " partitions, 1 stream thread, max wait 5 ms)");
        out.println();
        out.println("| model | guarantee | batch 1 | batch 8 | batch 64 | batch 256 | best vs pass-through |");
        out.println("|---|---|---:|---:|---:|---:|---:|");
        for (String guarantee : List.of("at_least_once", "exactly_once_v2")) {
            for (String model : List.of("passthrough", "lr", "mlp")) {
                StringBuilder row = new StringBuilder("| " + model + " | " + shortName(guarantee) + " |");
                double best = 0;
                for (int batch : new int[] {1, 8, 64, 256}) {
                    double rate = throughput(backlog, events, model, guarantee, batch, 5);
                    throughput.put(model + "|" + guarantee + "|" + batch, rate);
                    best = Math.max(best, rate);
                    row.append(String.format(" %,.0f |", rate));
                }
                double passBest = bestOf(throughput, "passthrough|" + guarantee);
                row.append(model.equals("passthrough") ? " 1.00 |" : String.format(" %.2f |", best / passBest));
                out.println(row);
            }
        }
        out.println();
        out.println("### Exactly-once vs at-least-once (best batch size each)");
        out.println();
        out.println("| model | at-least-once | exactly-once | EOS / ALO |");
        out.println("|---|---:|---:|---:|");
        for (String model : List.of("passthrough", "lr", "mlp")) {
            double alo = bestOf(throughput, model + "|at_least_once");
            double eos = bestOf(throughput, model + "|exactly_once_v2");
            out.printf("| %s | %,.0f | %,.0f | %.2f |%n", model, alo, eos, eos / alo);
        }

        out.println();
        out.println("### End-to-end latency at half the sustainable load (produce timestamp → consumed, batch 64)");
        out.println();
        out.println("| model | guarantee | load (events/s) | max wait | p50 ms | p99 ms |");
        out.println("|---|---|---:|---:|---:|---:|");
        for (String guarantee : List.of("at_least_once", "exactly_once_v2")) {
            for (String model : List.of("lr", "mlp")) {
                int rate = (int) (throughput.get(model + "|" + guarantee + "|64") / 2);
                for (int wait : new int[] {0, 1, 5, 20}) {
                    double[] p = latency(model, guarantee, 64, wait, rate, Duration.ofSeconds(6));
                    out.printf(
                            "| %s | %s | %,d | %d ms | %.1f | %.1f |%n",
                            model, shortName(guarantee), rate, wait, p[0], p[1]);
                }
            }
        }
    }

    private double throughput(String input, int events, String model, String guarantee, int batch, int waitMs)
            throws Exception {
        return throughput(input, events, model, guarantee, batch, waitMs, DEFAULT_DRIFT_WINDOW);
    }

    private double throughput(
            String input, int events, String model, String guarantee, int batch, int waitMs, int driftWindow)
            throws Exception {
        String output = topic("out", PARTITIONS);
        try (StreamingScorer scorer = StreamingScorer.start(
                ScorerConfig.from(properties(input, output, model, guarantee, batch, waitMs, driftWindow)))) {
            List<Long> times = new ArrayList<>();
            consume(output, events, Duration.ofMinutes(3), r -> times.add(System.nanoTime()));
            long first = times.get(0);
            long last = times.get(times.size() - 1);
            return (times.size() - 1) * 1e9 / Math.max(1, last - first);
        }
    }

    /** Drift detection's cost: the same backlog with drift off and on, alternated, median of three each. */
    private void monitoring(int events) throws Exception {
        String backlog = topic("backlog", PARTITIONS);
        produce(backlog, events, 0);
        throughput(backlog, events, "lr", "at_least_once", 64, 5, 0);
        out.println();
        out.println("### Drift detection overhead (events/s, " + String.format("%,d", events)
                + "-event backlog, batch 64, at-least-once, window 10,000 records, 30 features + score)");
        out.println();
        out.println("| model | drift off | drift on | on / off |");
        out.println("|---|---:|---:|---:|");
        for (String model : List.of("lr", "mlp")) {
            List<Double> off = new ArrayList<>();
            List<Double> on = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                off.add(throughput(backlog, events, model, "at_least_once", 64, 5, 0));
                on.add(throughput(backlog, events, model, "at_least_once", 64, 5, DEFAULT_DRIFT_WINDOW));
            }
            off.sort(null);
            on.sort(null);
            out.printf("| %s | %,.0f | %,.0f | %.3f |%n", model, off.get(1), on.get(1), on.get(1) / off.get(1));
        }
    }

    private double[] latency(String model, String guarantee, int batch, int waitMs, int rate, Duration length)
            throws Exception {
        String input = topic("live", PARTITIONS);
        String output = topic("out", PARTITIONS);
        try (StreamingScorer scorer = StreamingScorer.start(config(input, output, model, guarantee, batch, waitMs))) {
            scorer.awaitRunning(Duration.ofSeconds(60));
            Thread.sleep(2_000);
            int events = (int) (rate * length.toSeconds());
            Thread producer = new Thread(() -> produce(input, events, rate));
            producer.start();
            List<Long> latencies = new ArrayList<>(events);
            consume(
                    output,
                    events,
                    length.plusSeconds(60),
                    r -> latencies.add(System.currentTimeMillis() - r.timestamp()));
            producer.join();
            // the first fifth covers the consumer's and producer's start: leave it out
            long[] steady = latencies.subList(latencies.size() / 5, latencies.size()).stream()
                    .mapToLong(Long::longValue)
                    .sorted()
                    .toArray();
            return new double[] {percentile(steady, 0.5), percentile(steady, 0.99)};
        }
    }

    /**
     * One paced run: the scorer of {@code classpath} in its own JVM (at-least-once, batch 64, lr, everything else
     * as that build defaults it), {@code rate} events/s for {@code warmUp + measured}; the latencies of the records
     * produced after the warm-up.
     */
    private SparseTrafficLatency.Run latencyRun(
            String classpath, int rate, int waitMs, Duration warmUp, Duration measured) throws Exception {
        return pacedRun(classpath, "at_least_once", Map.of(), rate, waitMs, warmUp, measured);
    }

    /** As {@link #latencyRun}, under {@code guarantee} and with {@code extra} scorer settings. */
    SparseTrafficLatency.Run pacedRun(
            String classpath,
            String guarantee,
            Map<String, String> extra,
            int rate,
            int waitMs,
            Duration warmUp,
            Duration measured)
            throws Exception {
        String input = topic("sparse", PARTITIONS);
        String output = topic("out", PARTITIONS);
        Properties config = properties(input, output, "lr", guarantee, 64, waitMs, DEFAULT_DRIFT_WINDOW);
        config.putAll(extra);
        try (BenchJvm scorer = BenchJvm.scorer(classpath, config, work.resolve("jvms"), input)) {
            scorer.awaitReady(Duration.ofSeconds(90));
            int events = (int) (rate * (warmUp.toMillis() + measured.toMillis()) / 1000);
            long measureFrom = System.currentTimeMillis() + warmUp.toMillis();
            Thread producer = new Thread(() -> producePaced(input, events, rate));
            producer.start();
            List<Long> scorerMicros = new ArrayList<>(events);
            List<Long> endToEndMillis = new ArrayList<>(events);
            consume(output, events, warmUp.plus(measured).plusSeconds(60), r -> {
                if (r.timestamp() >= measureFrom) {
                    scorerMicros.add(Long.parseLong(
                            new String(r.headers().lastHeader("ml.latency.us").value(), StandardCharsets.UTF_8)));
                    endToEndMillis.add(System.currentTimeMillis() - r.timestamp());
                }
            });
            producer.join();
            return new SparseTrafficLatency.Run(scorerMicros, endToEndMillis);
        }
    }

    /** Produces {@code events} at {@code perSecond}, evenly spaced (in groups of one millisecond's worth). */
    private void producePaced(String topic, int events, int perSecond) {
        producePaced(topic, events, perSecond, i -> "k" + (i % 1000));
    }

    /** As above, event {@code i} keyed {@code key.apply(i)}. */
    void producePaced(String topic, int events, int perSecond, IntFunction<String> key) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        Random random = new Random(2);
        AvroSerializer<GenericRecord> values = new AvroSerializer<>(registry, true, false);
        GenericRecord event = new GenericData.Record(EVENT);
        int group = Math.max(1, perSecond / 1000);
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events; i++) {
                if (i % group == 0) {
                    long wait = start + (long) (i * 1e9 / perSecond) - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                event.put("id", "e" + i);
                for (int f = 0; f < FEATURES; f++) {
                    event.put("f" + f, random.nextGaussian());
                }
                producer.send(new ProducerRecord<>(
                        topic, key.apply(i).getBytes(StandardCharsets.UTF_8), values.serialize(topic, event)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ScorerConfig config(String input, String output, String model, String guarantee, int batch, int waitMs)
            throws Exception {
        return ScorerConfig.from(properties(input, output, model, guarantee, batch, waitMs, DEFAULT_DRIFT_WINDOW));
    }

    Properties properties(
            String input, String output, String model, String guarantee, int batch, int waitMs, int driftWindow)
            throws Exception {
        Properties p = new Properties();
        p.setProperty("scorer.drift.window.records", Integer.toString(driftWindow));
        p.setProperty("scorer.status.interval.ms", "0");
        p.setProperty("application.id", "bench-" + UUID.randomUUID());
        p.setProperty("bootstrap.servers", bootstrap);
        p.setProperty("schema.registry.url", registryUrl);
        p.setProperty("processing.guarantee", guarantee);
        p.setProperty("state.dir", work.resolve("state").toString());
        p.setProperty("consumer.auto.offset.reset", "earliest");
        p.setProperty("scorer.model.repository", models.root().toString());
        p.setProperty("scorer.routes", "r");
        p.setProperty("scorer.route.r.input", input);
        p.setProperty("scorer.route.r.model", model);
        p.setProperty("scorer.route.r.output", output);
        p.setProperty("scorer.route.r.dead-letter", topic("dlq", 1));
        p.setProperty("scorer.batch.max.records", Integer.toString(batch));
        p.setProperty("scorer.batch.max.wait.ms", Integer.toString(waitMs));
        p.setProperty("scorer.admin.port", "-1");
        p.setProperty("scorer.model.poll.interval.ms", "0");
        return p;
    }

    void produce(String topic, int events, int perSecond) {
        produce(topic, events, perSecond, i -> "k" + (i % 1000));
    }

    /** As above, event {@code i} keyed {@code key.apply(i)}. */
    void produce(String topic, int events, int perSecond, IntFunction<String> key) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, perSecond > 0 ? "1" : "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        Random random = new Random(1);
        AvroSerializer<GenericRecord> values = new AvroSerializer<>(registry, true, false);
        GenericRecord event = new GenericData.Record(EVENT);
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events; i++) {
                event.put("id", "e" + i);
                for (int f = 0; f < FEATURES; f++) {
                    event.put("f" + f, random.nextGaussian());
                }
                producer.send(new ProducerRecord<>(
                        topic, key.apply(i).getBytes(StandardCharsets.UTF_8), values.serialize(topic, event)));
                if (perSecond > 0 && i % 50 == 0) {
                    long due = start + (long) (i * 1e9 / perSecond);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void consume(String topic, int count, Duration timeout, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        int seen = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (seen < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    each.accept(r);
                    seen++;
                }
            }
        }
        if (seen < count) {
            throw new IllegalStateException("only " + seen + " of " + count + " predictions arrived on " + topic);
        }
    }

    String topic(String prefix, int partitions) throws Exception {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        return name;
    }

    private void publish(String model, byte[] onnx, String outputs) throws Exception {
        String manifest = TestModels.manifest(model, 1, FEATURES, outputs);
        models.publish(new ModelRef(model, 1), manifest.getBytes(StandardCharsets.UTF_8), onnx);
    }

    private static Schema eventSchema() {
        SchemaBuilder.FieldAssembler<Schema> fields =
                SchemaBuilder.record("BenchEvent").namespace("bench").fields().requiredString("id");
        for (int f = 0; f < FEATURES; f++) {
            fields = fields.requiredDouble("f" + f);
        }
        return fields.endRecord();
    }

    private static double bestOf(Map<String, Double> results, String prefix) {
        return results.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix + "|"))
                .mapToDouble(Map.Entry::getValue)
                .max()
                .orElse(0);
    }

    private static double percentile(long[] sorted, double q) {
        return sorted.length == 0
                ? Double.NaN
                : sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }

    private static String shortName(String guarantee) {
        return guarantee.startsWith("exactly") ? "EOS" : "ALO";
    }
}
