/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.control;

import dev.inferstream.model.routing.DeploymentCodec;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the compacted control topic (key: model name, value: {@code Deployment}) from its beginning and applies
 * every deployment of a model this scorer serves, live. An invalid deployment is logged and ignored; one whose
 * versions fail to load is logged and tried again with a doubling pause (see {@link LoadRetries}) until it loads or
 * a newer revision replaces it. Meanwhile the last valid deployment keeps serving.
 */
public final class DeploymentFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentFollower.class);
    private static final Duration PARTITIONS_WAIT = Duration.ofSeconds(30);

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AvroReader<Deployment> reader;
    private final ModelService models;
    private final Set<String> served;
    private final Set<String> controlled = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> applied = new ConcurrentHashMap<>();
    private final LoadRetries retries = new LoadRetries();
    private final Thread thread;
    private volatile boolean running = true;

    public DeploymentFollower(
            String topic,
            Properties clientConfig,
            SchemaRegistryClient registry,
            ModelService models,
            Set<String> served) {
        this.topic = topic;
        Properties props = new Properties();
        clientConfig.forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k.toString())) {
                props.put(k, v);
            }
        });
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.reader = AvroReader.specific(registry, Deployment.class);
        this.models = models;
        this.served = Set.copyOf(served);
        this.thread = new Thread(this::run, "deployment-follower");
        this.thread.setDaemon(true);
    }

    /**
     * Applies the current deployments (the newest per model on the topic) before returning, so that the scorer's
     * first record already follows the live rollout, then keeps following in the background.
     */
    public void start() {
        List<TopicPartition> partitions = partitions();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        for (CompletableFuture<?> deployed : catchUp()) {
            try {
                deployed.get(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                LOG.error("the current deployment on {} could not be applied; serving the configured one", topic, e);
            }
        }
        thread.start();
    }

    /**
     * The topic's partitions, waiting up to {@link #PARTITIONS_WAIT} for a topic created just before: its metadata
     * reaches the brokers a moment after the creation returns.
     */
    private List<TopicPartition> partitions() {
        long deadline = System.nanoTime() + PARTITIONS_WAIT.toNanos();
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, PARTITIONS_WAIT);
            if (!infos.isEmpty()) {
                return infos.stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("control topic " + topic + " has no partitions after "
                        + PARTITIONS_WAIT.toSeconds() + " s: create it (scorerctl creates it on the first change)");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for control topic " + topic, e);
            }
        }
    }

    /** Models whose deployment comes from the control topic (they no longer follow the newest version). */
    public boolean controls(String model) {
        return controlled.contains(model);
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
                for (DeploymentSpec spec : retries.due(System.nanoTime())) {
                    LOG.info("loading deployment of {} revision {} again", spec.model(), spec.revision());
                    deploy(spec, null);
                }
            }
        } catch (WakeupException stopping) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("stopped following {}; the current deployments keep serving", topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Reads the topic up to its current end and applies only the newest deployment of each model. */
    private List<CompletableFuture<?>> catchUp() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        Map<String, ConsumerRecord<byte[], byte[]>> newest = new LinkedHashMap<>();
        while (running && ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
                newest.put(key, record);
            }
        }
        List<CompletableFuture<?>> deploys = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : newest.values()) {
            CompletableFuture<?> deployed = apply(record);
            if (deployed != null) {
                deploys.add(deployed);
            }
        }
        return deploys;
    }

    /** Starts deploying what {@code record} holds; null when there is nothing to apply. */
    private CompletableFuture<?> apply(ConsumerRecord<byte[], byte[]> record) {
        Deployment deployment;
        try {
            deployment = reader.read(record.value());
        } catch (RuntimeException e) {
            LOG.error(
                    "{}-{}@{} is not a Deployment, ignored: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
            return null;
        }
        if (deployment == null || !served.contains(deployment.getModel())) {
            return null;
        }
        String model = deployment.getModel();
        DeploymentSpec spec;
        try {
            spec = DeploymentCodec.toSpec(deployment);
        } catch (IllegalArgumentException e) {
            LOG.error("ignored; {} keeps its current deployment: {}", model, e.getMessage());
            return null;
        }
        Long last = applied.get(model);
        if (last != null && last >= spec.revision()) {
            LOG.warn(
                    "{}-{}@{}: revision {} of {} is not newer than the applied revision {}, ignored",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    spec.revision(),
                    model,
                    last);
            return null;
        }
        applied.put(model, spec.revision());
        controlled.add(model);
        retries.forget(model);
        return deploy(spec, deployment);
    }

    private CompletableFuture<?> deploy(DeploymentSpec spec, Deployment deployment) {
        String model = spec.model();
        return models.deploy(spec).whenComplete((ok, error) -> {
            if (error == null) {
                retries.forget(model);
                LOG.info(
                        "applied deployment of {} revision {}{}",
                        model,
                        spec.revision(),
                        deployment == null ? "" : " by " + deployment.getChangedBy() + ": " + deployment.getReason());
            } else if (Long.valueOf(spec.revision()).equals(applied.get(model))) {
                Duration pause = retries.failed(spec, System.nanoTime());
                LOG.error(
                        "deployment of {} revision {} not applied, the current one keeps serving; trying again in {} s: {}",
                        model,
                        spec.revision(),
                        pause.toSeconds(),
                        error.getMessage());
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
