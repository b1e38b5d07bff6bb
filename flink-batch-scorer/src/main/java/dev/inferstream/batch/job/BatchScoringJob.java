/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import dev.inferstream.batch.io.AvroFileWriter;
import dev.inferstream.batch.io.InputRow;
import dev.inferstream.batch.io.KafkaEnvelopes;
import dev.inferstream.batch.io.KafkaRows;
import dev.inferstream.batch.io.RowColumns;
import dev.inferstream.batch.io.ScoredColumns;
import dev.inferstream.batch.io.ScoredRow;
import dev.inferstream.batch.scoring.ColumnScoringOperator;
import dev.inferstream.batch.scoring.JobModels;
import dev.inferstream.batch.scoring.ScoringOperator;
import dev.inferstream.batch.scoring.ScoringSettings;
import dev.inferstream.batch.source.ColumnFileSource;
import dev.inferstream.batch.source.RowFileSource;
import dev.inferstream.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch scoring job graph: a bounded source of rows, the scoring operator (mini-batches through the same
 * model path as the streaming scorer), and exactly-once sinks for predictions and dead letters.
 *
 * <pre>{@code
 * StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
 * BatchScoringJob.build(env, JobOptions.parse(args));
 * env.execute("score");
 * }</pre>
 */
public final class BatchScoringJob {
    private static final Logger LOG = LoggerFactory.getLogger(BatchScoringJob.class);

    private BatchScoringJob() {}

    /**
     * Builds the job graph, resolving the model versions first (see {@link #build(StreamExecutionEnvironment,
     * JobOptions, JobModels)}).
     *
     * @throws InvalidJobException when the repository, the model or a version is missing or does not load
     */
    public static void build(StreamExecutionEnvironment env, JobOptions options) throws InvalidJobException {
        build(env, options, resolve(options), null);
    }

    /** The versions a job with these options scores with, each loaded once to prove it loads. */
    public static JobModels resolve(JobOptions options) throws InvalidJobException {
        return ModelResolver.resolve(options);
    }

    /** Builds the job graph; every task serves exactly {@code models}, in every attempt. */
    public static void build(StreamExecutionEnvironment env, JobOptions options, JobModels models) {
        build(env, options, models, null);
    }

    /** As {@link #build(StreamExecutionEnvironment, JobOptions)}, with a step between source and scoring (tests). */
    static void build(
            StreamExecutionEnvironment env, JobOptions options, UnaryOperator<DataStream<InputRow>> beforeScoring)
            throws InvalidJobException {
        build(env, options, resolve(options), beforeScoring);
    }

    private static void build(
            StreamExecutionEnvironment env,
            JobOptions options,
            JobModels models,
            UnaryOperator<DataStream<InputRow>> beforeScoring) {
        // sources, scoring and sinks chain into one task: rows pass by reference, never serialized
        env.getConfig().enableObjectReuse();
        env.enableCheckpointing(options.checkpointInterval().toMillis());
        env.configure(restartStrategy(options));
        if (options.parallelism() > 0) {
            env.setParallelism(options.parallelism());
        }
        ColumnarPlan plan = beforeScoring == null
                ? ColumnarPlan.of(options, models)
                : new ColumnarPlan(List.of(), "a step between source and scoring");
        if (plan.applies()) {
            LOG.info("{}: the columnar path scores it, reading columns {}", options.jobName(), plan.columns());
            columnar(env, options, models, plan);
            return;
        }
        LOG.info("{}: the per-row path scores it ({})", options.jobName(), plan.refusal());
        DataStream<InputRow> source = source(env, options);
        DataStream<InputRow> rows = beforeScoring == null ? source : beforeScoring.apply(source);
        SingleOutputStreamOperator<ScoredRow> scored = rows.transform(
                "score " + options.model(),
                TypeInformation.of(ScoredRow.class),
                new ScoringOperator(settings(options, models)));
        predictionsSink(scored, options, models);
        deadLetterSink(scored.getSideOutput(ScoringOperator.DEAD_LETTERS), options);
    }

    /** Parquet column batches → scored column batches → compact Parquet: no record object per row. */
    private static void columnar(
            StreamExecutionEnvironment env, JobOptions options, JobModels models, ColumnarPlan plan) {
        JobOptions.FileInput file = (JobOptions.FileInput) options.source();
        ColumnFileSource source = ColumnFileSource.parquet(
                new Path(file.path()),
                plan.columns(),
                options.batchSize(),
                options.splitBytes(),
                options.parallelism() > 0 ? options.parallelism() : env.getParallelism());
        SingleOutputStreamOperator<ScoredColumns> scored = env.fromSource(
                        source,
                        WatermarkStrategy.noWatermarks(),
                        "read " + file.path(),
                        TypeInformation.of(RowColumns.class))
                .transform(
                        "score " + options.model() + " (columnar)",
                        TypeInformation.of(ScoredColumns.class),
                        new ColumnScoringOperator(settings(options, models)));
        FileOutputs.columnPredictions(scored, options, models);
        deadLetterSink(scored.getSideOutput(ScoringOperator.DEAD_LETTERS), options);
    }

    private static ScoringSettings settings(JobOptions options, JobModels models) {
        return new ScoringSettings(
                options.modelRepository(),
                options.model(),
                models,
                options.batchSize(),
                options.inferenceThreads(),
                options.source() instanceof JobOptions.KafkaInput ? options.registry() : Map.of(),
                options.scorerId(),
                options.backtest() == null
                        ? null
                        : Objects.requireNonNullElse(options.backtest().labelField(), ""),
                options.eventTimeField(),
                options.explainTopK());
    }

    /**
     * A bounded number of restarts, a fixed pause apart: a failure that a restart may heal (a task manager lost, a
     * broker briefly away) is retried; one that cannot (a model that does not load, a missing topic, a file that is
     * not CSV) fails the job at once, whatever the strategy.
     */
    private static Configuration restartStrategy(JobOptions options) {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, options.restartAttempts());
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, options.restartDelay());
        return config;
    }

    private static DataStream<InputRow> source(StreamExecutionEnvironment env, JobOptions options) {
        if (options.source() instanceof JobOptions.FileInput file) {
            RowFileSource source = RowFileSource.of(
                    new Path(file.path()),
                    file.format().kind(),
                    options.splitBytes(),
                    options.parallelism() > 0 ? options.parallelism() : env.getParallelism());
            return env.fromSource(
                    source,
                    WatermarkStrategy.noWatermarks(),
                    "read " + file.path(),
                    TypeInformation.of(InputRow.class));
        }
        JobOptions.KafkaInput kafka = (JobOptions.KafkaInput) options.source();
        Properties props = new Properties();
        props.putAll(options.kafka());
        props.putIfAbsent("isolation.level", "read_committed");
        KafkaSource<InputRow> source = KafkaSource.<InputRow>builder()
                .setBootstrapServers(options.kafka().get("bootstrap.servers"))
                .setTopics(kafka.topic())
                .setGroupId("batch-scorer-" + UUID.randomUUID())
                .setProperties(props)
                .setStartingOffsets(offsets(kafka.topic(), kafka.start(), OffsetsInitializer.earliest()))
                .setBounded(offsets(kafka.topic(), kafka.end(), OffsetsInitializer.latest()))
                .setDeserializer(new KafkaRows())
                .build();
        return env.fromSource(
                source, WatermarkStrategy.noWatermarks(), "read " + kafka.topic(), TypeInformation.of(InputRow.class));
    }

    static OffsetsInitializer offsets(String topic, String spec, OffsetsInitializer fallback) {
        if (spec.equals("earliest")) {
            return OffsetsInitializer.earliest();
        }
        if (spec.equals("latest")) {
            return OffsetsInitializer.latest();
        }
        if (spec.startsWith("timestamp:")) {
            return OffsetsInitializer.timestamp(Long.parseLong(spec.substring("timestamp:".length())));
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (String part : spec.split(",")) {
            String[] po = part.trim().split(":");
            if (po.length != 2) {
                throw new IllegalArgumentException("offsets '" + spec + "': write earliest, latest, timestamp:<ms> "
                        + "or <partition>:<offset>,…");
            }
            offsets.put(new TopicPartition(topic, Integer.parseInt(po[0])), Long.parseLong(po[1]));
        }
        return offsets.isEmpty() ? fallback : OffsetsInitializer.offsets(offsets);
    }

    private static void predictionsSink(DataStream<ScoredRow> scored, JobOptions options, JobModels models) {
        if (options.output() instanceof JobOptions.FileOutput) {
            FileOutputs.predictions(scored, options, models);
            return;
        }
        String topic = ((JobOptions.KafkaOutput) options.output()).topic();
        scored.sinkTo(kafkaSink(
                        options,
                        new KafkaEnvelopes<ScoredRow>(
                                topic,
                                options.kafka(),
                                options.registry(),
                                ScoredRow::prediction,
                                row -> row.input().key(),
                                ScoredRow::headers),
                        "predictions"))
                .name("write " + topic);
    }

    private static void deadLetterSink(DataStream<DeadLetter> letters, JobOptions options) {
        if (options.deadLetters() instanceof JobOptions.FileOutput file) {
            letters.sinkTo(FileOutputs.byHour(
                            new Path(file.path()),
                            new AvroFileWriter<DeadLetter, DeadLetter>(DeadLetter.class, d -> d),
                            "dead-letters",
                            ".avro"))
                    .name("write " + file.path());
            return;
        }
        String topic = ((JobOptions.KafkaOutput) options.deadLetters()).topic();
        letters.sinkTo(kafkaSink(
                        options,
                        new KafkaEnvelopes<DeadLetter>(
                                topic,
                                options.kafka(),
                                options.registry(),
                                d -> d,
                                BatchScoringJob::key,
                                BatchScoringJob::headers),
                        "dead-letters"))
                .name("write " + topic);
    }

    private static <T> KafkaSink<T> kafkaSink(JobOptions options, KafkaEnvelopes<T> serializer, String what) {
        Properties props = new Properties();
        props.putAll(options.kafka());
        props.putIfAbsent("transaction.timeout.ms", "900000");
        return KafkaSink.<T>builder()
                .setBootstrapServers(options.kafka().get("bootstrap.servers"))
                .setKafkaProducerConfig(props)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix(options, what))
                .build();
    }

    /**
     * {@code inferstream-batch-<job name>-<predictions|dead-letters>}: the same for every run of the same job, so that
     * a job restored from a savepoint (or run again after a crash) finds and aborts its lingering transactions.
     */
    static String transactionalIdPrefix(JobOptions options, String what) {
        return "inferstream-batch-" + options.jobName() + "-" + what;
    }

    private static byte[] key(DeadLetter letter) {
        return letter.getKey() == null ? null : bytes(letter.getKey());
    }

    private static Map<String, byte[]> headers(DeadLetter letter) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        letter.getHeaders().forEach(h -> headers.put(h.getKey(), h.getValue() == null ? null : bytes(h.getValue())));
        return headers;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
