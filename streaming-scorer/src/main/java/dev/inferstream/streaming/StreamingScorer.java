/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import dev.inferstream.control.ControlPlane;
import dev.inferstream.control.ControlPlaneException;
import dev.inferstream.control.ControlTopics;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.repository.ModelRepository;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.streaming.admin.AdminServer;
import dev.inferstream.streaming.admin.ScorerMetrics;
import dev.inferstream.streaming.config.ConfigException;
import dev.inferstream.streaming.config.RouteConfig;
import dev.inferstream.streaming.config.ScorerConfig;
import dev.inferstream.streaming.control.DeploymentFollower;
import dev.inferstream.streaming.control.RolloutController;
import dev.inferstream.streaming.control.StatusPublisher;
import dev.inferstream.streaming.feedback.FeedbackTopology;
import dev.inferstream.streaming.monitor.DriftWatch;
import dev.inferstream.streaming.monitor.ModelEvents;
import dev.inferstream.streaming.topology.ScoringTopology;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running streaming scorer: the checked configuration, the deployed models, the Kafka Streams application and
 * the admin port. {@link #start} fails fast, with what to fix, when the configuration cannot work.
 */
public final class StreamingScorer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingScorer.class);

    private final ScorerConfig config;
    private final ModelService models;
    private final ScorerMetrics metrics;
    private final KafkaStreams streams;
    private final AdminServer admin;
    private final ScheduledExecutorService poller;
    private final DeploymentFollower follower;
    private final StatusPublisher status;
    private final DriftWatch drift;
    private final RolloutController controller;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private StreamingScorer(
            ScorerConfig config,
            ModelService models,
            ScorerMetrics metrics,
            KafkaStreams streams,
            AdminServer admin,
            ScheduledExecutorService poller,
            DeploymentFollower follower,
            StatusPublisher status,
            DriftWatch drift,
            RolloutController controller) {
        this.config = config;
        this.models = models;
        this.metrics = metrics;
        this.streams = streams;
        this.admin = admin;
        this.poller = poller;
        this.follower = follower;
        this.status = status;
        this.drift = drift;
        this.controller = controller;
    }

    public static StreamingScorer start(ScorerConfig config) {
        SchemaRegistryClient registry = new SchemaRegistryClient(config.registry());
        StartupChecks.registryReachable(registry);
        ModelRepository repository;
        try {
            repository = ModelRepository.open(config.modelRepository());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ScorerConfig.MODEL_REPOSITORY + ": " + e.getMessage(), e);
        }
        StartupChecks.modelsPublished(config, repository);
        StartupChecks.topicsExist(config);
        OutputSchemas.register(config, registry);
        ModelService models =
                new ModelService(repository, InferenceOptions.defaults().withIntraOpThreads(config.inferenceThreads()));
        ScorerMetrics metrics = new ScorerMetrics();
        ControlPlane control = new ControlPlane(
                config.streams(),
                registry,
                ControlTopics.forDeployments(config.controlTopic())
                        .withStatus(config.statusTopic())
                        .withQuality(config.feedback().qualityTopic()));
        DriftWatch drift = config.monitoring().driftEnabled()
                ? new DriftWatch(
                        config.monitoring().driftWindow(),
                        config.monitoring().psiThreshold(),
                        metrics,
                        alertWriter(control, config),
                        config.scorerId())
                : null;
        models.listen(new ModelEvents(models, metrics, drift));
        try {
            for (RouteConfig route : config.routes()) {
                deployInitial(models, route);
            }
        } catch (RuntimeException e) {
            models.close();
            throw e;
        }
        org.apache.kafka.streams.Topology topology = ScoringTopology.build(config, models, registry, metrics, drift);
        if (config.routes().stream().anyMatch(r -> r.feedback() != null)) {
            try {
                control.ensureCompacted(config.feedback().qualityTopic());
            } catch (ControlPlaneException e) {
                models.close();
                throw new ConfigException(
                        e.getMessage() + " (create it, compacted, or grant this scorer the right to)", e);
            }
            FeedbackTopology.add(topology, config, registry, metrics);
        }
        KafkaStreams streams = new KafkaStreams(topology, config.streams());
        new io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics(streams).bindTo(metrics.registry());
        streams.setUncaughtExceptionHandler(error -> {
            LOG.error("stream thread failed; replacing it (records are retried from the last commit)", error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> LOG.info("scorer {}: {} -> {}", config.scorerId(), before, now));
        AdminServer admin = null;
        if (config.adminPort() >= 0) {
            try {
                admin = AdminServer.start(config.adminPort(), () -> readiness(streams), metrics);
            } catch (IOException e) {
                models.close();
                throw new ConfigException(
                        ScorerConfig.ADMIN_PORT + " " + config.adminPort() + " cannot be used: " + e.getMessage()
                                + " (choose another port, 0 for any, -1 to disable)",
                        e);
            }
        }
        try {
            control.ensureTopics();
        } catch (ControlPlaneException e) {
            LOG.warn("{} (create it, or grant this scorer the right to)", e.getMessage());
        }
        DeploymentFollower follower = null;
        if (StartupChecks.topicExists(config, config.controlTopic())) {
            follower = new DeploymentFollower(
                    config.controlTopic(), config.streams(), registry, models, servedModels(config));
            follower.start();
        } else {
            LOG.info(
                    "control topic {} does not exist: deployments come from the configuration only",
                    config.controlTopic());
        }
        StatusPublisher status = null;
        if (!config.statusInterval().isZero()) {
            try {
                status = new StatusPublisher(
                        control.statusWriter(),
                        config.scorerId(),
                        servedModels(config),
                        models,
                        metrics.agreement(),
                        metrics.arms(),
                        config.statusInterval());
            } catch (RuntimeException e) {
                LOG.warn("scorer status is not published to {}: {}", config.statusTopic(), e.getMessage());
            }
        }
        RolloutController controller = null;
        if (config.controllerInterval().toMillis() > 0) {
            try {
                controller = new RolloutController(
                        control,
                        config.streams(),
                        config.controlTopic() + ".controller",
                        servedModels(config),
                        config.scorerId(),
                        config.controllerInterval());
            } catch (RuntimeException e) {
                LOG.warn("the rollout controller does not run on this instance: {}", e.getMessage());
            }
        }
        streams.start();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "model-poller");
            t.setDaemon(true);
            return t;
        });
        long pollMs = config.modelPollInterval().toMillis();
        if (pollMs > 0 && config.routes().stream().anyMatch(RouteConfig::followsLatest)) {
            DeploymentFollower following = follower;
            poller.scheduleWithFixedDelay(
                    () -> followLatest(config, models, following), pollMs, pollMs, TimeUnit.MILLISECONDS);
        }
        LOG.info(
                "scorer {} started: {} route(s), {} guarantee, batches of up to {} records / {} ms",
                config.scorerId(),
                config.routes().size(),
                config.exactlyOnce() ? "exactly-once" : "at-least-once",
                config.batchMaxRecords(),
                config.batchMaxWait().toMillis());
        return new StreamingScorer(
                config, models, metrics, streams, admin, poller, follower, status, drift, controller);
    }

    private static dev.inferstream.control.TopicWriter<dev.inferstream.schemas.Alert> alertWriter(
            ControlPlane control, ScorerConfig config) {
        try {
            return control.alertWriter(config.monitoring().alertsTopic());
        } catch (ControlPlaneException e) {
            LOG.warn("alerts are logged only: {}", e.getMessage());
            return null;
        }
    }

    private static java.util.Set<String> servedModels(ScorerConfig config) {
        return config.routes().stream().map(RouteConfig::model).collect(java.util.stream.Collectors.toSet());
    }

    private static void deployInitial(ModelService models, RouteConfig route) {
        try {
            if (route.followsLatest()) {
                models.deployLatest(route.model()).get(2, TimeUnit.MINUTES);
            } else {
                models.deploy(DeploymentSpec.stable(route.model(), Integer.parseInt(route.version())))
                        .get(2, TimeUnit.MINUTES);
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new ConfigException(
                    "route '" + route.name() + "': " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ConfigException(
                    "route '" + route.name() + "': loading model " + route.model() + " took more than 2 minutes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while loading models", e);
        }
    }

    private static void followLatest(ScorerConfig config, ModelService models, DeploymentFollower control) {
        for (RouteConfig route : config.routes()) {
            if (route.followsLatest() && (control == null || !control.controls(route.model()))) {
                try {
                    models.deployLatest(route.model()).join();
                } catch (CompletionException e) {
                    LOG.warn(
                            "route {}: newest version of {} not deployed, serving the current one: {}",
                            route.name(),
                            route.model(),
                            e.getCause().getMessage());
                } catch (RuntimeException e) {
                    LOG.warn(
                            "route {}: cannot check for new versions of {}: {}",
                            route.name(),
                            route.model(),
                            e.toString());
                }
            }
        }
    }

    private static String readiness(KafkaStreams streams) {
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.RUNNING ? null : "not ready: " + state;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public ModelService models() {
        return models;
    }

    public ScorerMetrics metrics() {
        return metrics;
    }

    public ScorerConfig config() {
        return config;
    }

    /** The admin HTTP port, or -1 when disabled. */
    public int adminPort() {
        return admin == null ? -1 : admin.port();
    }

    /** Waits until the scorer processes records, or throws after {@code timeout}. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("scorer not running after " + timeout + ": " + streams.state());
            }
            Thread.sleep(50);
        }
    }

    /** Stops processing (committing what was processed), then closes the models and the admin port. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        poller.shutdownNow();
        if (controller != null) {
            try {
                controller.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (follower != null) {
            try {
                follower.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        streams.close(Duration.ofSeconds(30));
        if (status != null) {
            status.close();
        }
        if (drift != null) {
            drift.close();
        }
        if (admin != null) {
            admin.close();
        }
        models.close();
        LOG.info("scorer {} stopped", config.scorerId());
    }
}
