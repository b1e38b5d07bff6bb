/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

import dev.inferstream.model.repository.ModelRepository;
import dev.inferstream.schemas.Alert;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.QualityStats;
import dev.inferstream.schemas.ScorerStatus;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Reads and writes the rollout state kept in Kafka: the current deployment of each model, the history of every
 * change, and the status scorers report. Deployments are written to the current and the history topic in one
 * transaction, so the audit trail never misses a change that took effect.
 *
 * <p>Every write is a compare-and-set on the revision the writer read: {@link #publish} writes revision
 * {@code n + 1} only while {@code n} is still the model's current revision, so that concurrent writers (people with
 * {@code scorerctl}, the rollout controller) never publish the same revision twice and the fleet never splits.
 * The protocol, per model:
 *
 * <ol>
 *   <li>All writers of a model share one transactional id, {@code inferstream-control-<deployments topic>-<model>}.
 *       {@code initTransactions()} gives the writer a new producer epoch and fences every earlier producer with
 *       that id: the coordinator aborts the earlier producer's open transaction, or lets a commit already in
 *       flight finish, before it returns. Once it returns, no earlier write of the model is pending.
 *   <li>The writer then re-reads the model's current revision with {@code read_committed}, up to the high
 *       watermark taken after {@code initTransactions()}, waiting for transactions still open below it (other
 *       models' writes; a read that stopped at the last stable offset could miss a committed revision behind
 *       them). It sees every revision committed before it was fenced in.
 *   <li>If the revision moved, it writes nothing and throws {@link RevisionMovedException}
 *       ({@code revision moved from 7 to 8 by <who>: re-read and retry}).
 *   <li>Otherwise it writes the deployment to both topics in one transaction and commits. A writer that started
 *       later has fenced it in the meantime: its commit fails ({@code ProducerFencedException} or
 *       {@code InvalidProducerEpochException}), the transaction is aborted and it is refused the same way. A
 *       stalled writer that wakes up later (a zombie) is fenced by the same epoch check.
 * </ol>
 *
 * <p>So commits of one model are ordered by producer epoch and each one saw all earlier ones: at most one of
 * several writers that read the same revision wins. A writer that dies mid-change leaves an open transaction; the
 * next writer of that model aborts it at once, and other models' writers wait for the broker to abort it after
 * its {@code transaction.timeout.ms} (10 s for control writes). Readers use {@code read_committed}, so aborted
 * writes are never seen. Writers need WRITE and DESCRIBE on the transactional ids with prefix
 * {@code inferstream-control-} when ACLs are on.
 *
 * <pre>{@code
 * ControlPlane control = new ControlPlane(clientConfig, registry, ControlTopics.defaults());
 * Deployment current = control.current("fraud").orElseThrow();
 * control.publish(Rollouts.rollback(current).setRevision(current.getRevision() + 1)
 *         .setChangedBy("alice").setChangedAt(Instant.now()).setReason("p99 up").build());
 * }</pre>
 */
public final class ControlPlane {
    /** How long a read of the deployments waits for transactions open on it before giving up. */
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

    private final Properties clientConfig;
    private final SchemaRegistryClient registry;
    private final ControlTopics topics;
    private final FencedPublisher publisher;

    /** @param clientConfig Kafka client settings ({@code bootstrap.servers}, security); other keys are ignored */
    public ControlPlane(Properties clientConfig, SchemaRegistryClient registry, ControlTopics topics) {
        this.clientConfig = clientConfig;
        this.registry = registry;
        this.topics = topics;
        this.publisher = new FencedPublisher(Clients.producer(clientConfig), registry, topics, this::current);
    }

    public ControlTopics topics() {
        return topics;
    }

    /**
     * The current deployment of {@code model}: the one with the highest revision on the deployments topic, once
     * every change written before this call has been committed or aborted.
     */
    public Optional<Deployment> current(String model) {
        return Optional.ofNullable(currentAll().get(model));
    }

    /** The current deployment of every model on the deployments topic (settled, as {@link #current}). */
    public Map<String, Deployment> currentAll() {
        AvroReader<Deployment> reader = AvroReader.specific(registry, Deployment.class);
        Map<String, Deployment> current = new LinkedHashMap<>();
        TopicReader.readSettled(Clients.consumer(clientConfig), topics.deployments(), SETTLE_TIMEOUT, record -> {
            if (record.value() != null) {
                Deployment d = reader.read(record.value());
                current.merge(d.getModel(), d, (a, b) -> b.getRevision() >= a.getRevision() ? b : a);
            }
        });
        return current;
    }

    /** Every deployment of {@code model} ever published, oldest first. */
    public List<Deployment> history(String model) {
        AvroReader<Deployment> reader = AvroReader.specific(registry, Deployment.class);
        byte[] key = model.getBytes(StandardCharsets.UTF_8);
        List<Deployment> history = new ArrayList<>();
        TopicReader.readAll(Clients.consumer(clientConfig), topics.history(), record -> {
            if (record.value() != null && Arrays.equals(record.key(), key)) {
                history.add(reader.read(record.value()));
            }
        });
        return history;
    }

    /** The newest status of each scorer instance serving {@code model}. */
    public List<ScorerStatus> status(String model) {
        AvroReader<ScorerStatus> reader = AvroReader.specific(registry, ScorerStatus.class);
        Map<String, ScorerStatus> byScorer = new LinkedHashMap<>();
        TopicReader.readAll(Clients.consumer(clientConfig), topics.status(), record -> {
            if (record.value() != null) {
                ScorerStatus s = reader.read(record.value());
                if (s.getModel().equals(model)) {
                    byScorer.put(s.getScorer(), s);
                }
            }
        });
        return List.copyOf(byScorer.values());
    }

    /** The newest quality statistics of each version, arm and partition of {@code model}. */
    public List<QualityStats> quality(String model) {
        AvroReader<QualityStats> reader = AvroReader.specific(registry, QualityStats.class);
        Map<String, QualityStats> newest = new LinkedHashMap<>();
        TopicReader.readAll(Clients.consumer(clientConfig), topics.quality(), record -> {
            if (record.value() != null && record.key() != null) {
                QualityStats s = reader.read(record.value());
                if (s.getModel().equals(model)) {
                    newest.put(new String(record.key(), StandardCharsets.UTF_8), s);
                }
            }
        });
        return List.copyOf(newest.values());
    }

    /**
     * Writes {@code deployment} as the current one and into the history, atomically, if its model's current
     * revision is still the one it was derived from: {@code deployment.getRevision() - 1} (0: the model has no
     * deployment yet). Creates missing topics.
     *
     * @throws RevisionMovedException when another writer changed the model since (nothing is written)
     * @throws ControlPlaneException when the control topics cannot be written
     */
    public void publish(Deployment deployment) {
        ensureTopics();
        publisher.publish(deployment);
    }

    /**
     * Applies {@code change} to the model's current deployment (or starts the model), checks the result against
     * {@code repository} ({@link DeploymentCheck}) and publishes it ({@link #publish}).
     *
     * @param reason null or blank: the change's default reason
     * @return the published deployment
     * @throws RolloutException when the change does not apply, the result is refused, or the revision moved
     */
    public Deployment change(RolloutChange change, String changedBy, String reason, ModelRepository repository) {
        Deployment next = change.next(current(change.model()).orElse(null), changedBy, reason, Instant.now());
        DeploymentCheck.check(next, repository);
        publish(next);
        return next;
    }

    /** A writer of scorer status records (keyed {@code model|scorer}); creates the status topic if missing. */
    public TopicWriter<ScorerStatus> statusWriter() {
        createMissing(Map.of(topics.status(), compacted()));
        return new TopicWriter<>(
                Clients.producer(clientConfig), registry, topics.status(), s -> s.getModel() + "|" + s.getScorer());
    }

    /** A writer of alerts (keyed by model) to {@code topic}; creates it if missing. */
    public TopicWriter<Alert> alertWriter(String topic) {
        createMissing(Map.of(topic, Map.of("cleanup.policy", "delete")));
        return new TopicWriter<>(Clients.producer(clientConfig), registry, topic, Alert::getModel);
    }

    /** Creates {@code topic} as a compacted topic if it does not exist. */
    public void ensureCompacted(String topic) {
        createMissing(Map.of(topic, compacted()));
    }

    /** Creates the deployments and history topics if they do not exist. */
    public void ensureTopics() {
        Map<String, Map<String, String>> wanted = new LinkedHashMap<>();
        wanted.put(topics.deployments(), compacted());
        wanted.put(topics.history(), Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1"));
        createMissing(wanted);
    }

    private static Map<String, String> compacted() {
        return Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0");
    }

    private void createMissing(Map<String, Map<String, String>> wanted) {
        try (Admin admin = Admin.create(Clients.admin(clientConfig))) {
            Set<String> existing = new HashSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
            List<NewTopic> missing = new ArrayList<>();
            wanted.forEach((topic, configs) -> {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, Optional.of(1), Optional.empty()).configs(configs));
                }
            });
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicAuthorizationException) {
                // with ACLs on, a topic this principal may not describe is not listed either: it may well exist
                throw new ControlPlaneException(
                        "not authorized to create the control topics " + wanted.keySet() + ", which this principal "
                                + "cannot see either: create them as an admin, and grant this principal DESCRIBE on "
                                + "them (and READ and WRITE to change deployments; see README's Security section)",
                        e);
            }
            throw new ControlPlaneException(
                    "cannot create the control topics " + wanted.keySet() + " on "
                            + clientConfig.getProperty("bootstrap.servers") + ": " + e.getMessage(),
                    e);
        } catch (TimeoutException e) {
            throw new ControlPlaneException(
                    "cannot create the control topics " + wanted.keySet() + " on "
                            + clientConfig.getProperty("bootstrap.servers") + ": " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlPlaneException("interrupted while creating control topics", e);
        }
    }
}
