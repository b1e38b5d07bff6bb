/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import dev.inferstream.control.ControlPlane;
import dev.inferstream.control.ControlPlaneException;
import dev.inferstream.control.ControlTopics;
import dev.inferstream.control.TopicWriter;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.repository.ModelRepository;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.schemas.Alert;
import dev.inferstream.schemas.ShadowTopic;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.streaming.admin.AdminServer;
import dev.inferstream.streaming.admin.ScorerMetrics;
import dev.inferstream.streaming.config.ConfigException;
import dev.inferstream.streaming.config.RouteConfig;
import dev.inferstream.streaming.config.ScorerConfig;
import dev.inferstream.streaming.config.ServingConfig;
import dev.inferstream.streaming.control.DeploymentFollower;
import dev.inferstream.streaming.control.RolloutController;
import dev.inferstream.streaming.control.StatusPublisher;
import dev.inferstream.streaming.errors.ErrorRouting;
import dev.inferstream.streaming.errors.ThreadRestarts;
import dev.inferstream.streaming.feedback.FeedbackTopology;
import dev.inferstream.streaming.monitor.DriftWatch;
import dev.inferstream.streaming.monitor.ModelEvents;
import dev.inferstream.streaming.serving.OipServing;
import dev.inferstream.streaming.topics.OutputTopics;
import dev.inferstream.streaming.topology.ScoringTopology;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
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
    private final OipServing oip;
    private final OutputTopics outputs;
    private final AtomicBoolean closed = new AtomicBoolean();

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
            RolloutController controller,
            OipServing oip,
            OutputTopics outputs) {
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
        this.oip = oip;
        this.outputs = outputs;
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
                deployInitial(models, "route '" + route.name() + "'", route.model(), route.version());
            }
            for (ServingConfig.ServedModel served : servedOnly(config)) {
                deployInitial(models, "served model '" + served.name() + "'", served.name(), served.version());
            }
        } catch (RuntimeException e) {
            models.close();
            throw e;
        }
        OutputTopics outputs = OutputTopics.open(config);
        KafkaStreams streams =
                config.routes().isEmpty() ? null : streams(config, models, registry, metrics, drift, control, outputs);
        OipServing[] oip = {null};
        AdminServer admin = null;
        if (config.adminPort() >= 0) {
            try {
                admin = AdminServer.start(config.adminPort(), () -> readiness(streams, oip[0]), metrics);
            } catch (IOException e) {
                models.close();
                outputs.close();
                throw new ConfigException(
                        ScorerConfig.ADMIN_PORT + " " + config.adminPort() + " cannot be used: " + e.getMessage()
                                + " (choose another port, 0 for any, -1 to disable)",
                        e);
            }
        }
        boolean controlTopicExists;
        try {
            control.ensureTopics();
            // created or found: a listing right after the creation may not show it yet
            controlTopicExists = true;
        } catch (ControlPlaneException e) {
            LOG.warn("{} (create it, or grant this scorer the right to)", e.getMessage());
            controlTopicExists = StartupChecks.topicExists(config, config.controlTopic());
        }
        DeploymentFollower follower = null;
        if (controlTopicExists) {
            follower = new DeploymentFollower(
                    config.controlTopic(), config.streams(), registry, models, servedModels(config));
            try {
                follower.start();
            } catch (RuntimeException e) {
                throw closeAll(e, follower, admin, streams, models, outputs);
            }
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
                        model -> shadowTopics(config, outputs, model),
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
        if (config.serving().enabled()) {
            try {
                oip[0] = OipServing.start(config, models, registry, metrics, drift);
            } catch (RuntimeException e) {
                throw closeAll(e, follower, status, controller, admin, streams, models, outputs);
            }
        }
        if (streams != null) {
            streams.start();
        }
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "model-poller");
            t.setDaemon(true);
            return t;
        });
        long pollMs = config.modelPollInterval().toMillis();
        if (pollMs > 0
                && (config.routes().stream().anyMatch(RouteConfig::followsLatest)
                        || servedOnly(config).stream().anyMatch(ServingConfig.ServedModel::followsLatest))) {
            DeploymentFollower following = follower;
            poller.scheduleWithFixedDelay(
                    () -> followLatest(config, models, following), pollMs, pollMs, TimeUnit.MILLISECONDS);
        }
        LOG.info(
                "scorer {} started: {} route(s), {} served model(s), {} guarantee, batches of up to {} records / {} ms",
                config.scorerId(),
                config.routes().size(),
                config.serving().enabled() ? config.serving().models().size() : 0,
                config.exactlyOnce() ? "exactly-once" : "at-least-once",
                config.batchMaxRecords(),
                config.batchMaxWait().toMillis());
        return new StreamingScorer(
                config, models, metrics, streams, admin, poller, follower, status, drift, controller, oip[0], outputs);
    }

    /** The Kafka Streams application of the routes, with the feedback join when a route has feedback. */
    private static KafkaStreams streams(
            ScorerConfig config,
            ModelService models,
            SchemaRegistryClient registry,
            ScorerMetrics metrics,
            DriftWatch drift,
            ControlPlane control,
            OutputTopics outputs) {
        Topology topology = ScoringTopology.build(config, models, registry, metrics, drift, outputs);
        if (config.routes().stream().anyMatch(r -> r.feedback() != null)) {
            try {
                control.ensureCompacted(config.feedback().qualityTopic());
            } catch (ControlPlaneException e) {
                models.close();
                outputs.close();
                throw new ConfigException(
                        e.getMessage() + " (create it, compacted, or grant this scorer the right to)", e);
            }
            FeedbackTopology.add(topology, config, registry, metrics);
        }
        Properties streamsConfig = new Properties();
        streamsConfig.putAll(config.streams());
        errorRouting(config, outputs, metrics, registry).install(streamsConfig);
        KafkaStreams streams = new KafkaStreams(topology, streamsConfig);
        new KafkaStreamsMetrics(streams).bindTo(metrics.registry());
        streams.setUncaughtExceptionHandler(new ThreadRestarts());
        streams.setStateListener((now, before) -> LOG.info("scorer {}: {} -> {}", config.scorerId(), before, now));
        return streams;
    }

    /** Models served over the protocol that no route serves (routes deploy their own). */
    private static List<ServingConfig.ServedModel> servedOnly(ScorerConfig config) {
        if (!config.serving().enabled()) {
            return List.of();
        }
        Set<String> routed = config.routes().stream().map(RouteConfig::model).collect(Collectors.toSet());
        return config.serving().models().stream()
                .filter(m -> !routed.contains(m.name()))
                .toList();
    }

    private static List<ShadowTopic> shadowTopics(ScorerConfig config, OutputTopics outputs, String model) {
        return config.routes().stream()
                .filter(r -> r.model().equals(model))
                .map(r -> new ShadowTopic(r.shadow(), outputs.exists(r.shadow())))
                .toList();
    }

    private static ErrorRouting errorRouting(
            ScorerConfig config, OutputTopics outputs, ScorerMetrics metrics, SchemaRegistryClient registry) {
        Map<String, ErrorRouting.DeadLetterRoute> nodes = new HashMap<>();
        Map<String, String> shadows = new HashMap<>();
        for (RouteConfig route : config.routes()) {
            shadows.put(route.shadow(), route.name());
            if (route.feedback() != null) {
                nodes.put(
                        FeedbackTopology.joinerNode(route.name()),
                        new ErrorRouting.DeadLetterRoute(route.name(), route.deadLetter()));
            }
        }
        return new ErrorRouting(
                nodes, shadows, outputs, metrics, new AvroSerializer<>(registry, true, false), config.scorerId());
    }

    /** Closes what a failed start had opened (nulls skipped), adding close failures to {@code failure}. */
    private static RuntimeException closeAll(RuntimeException failure, AutoCloseable... opened) {
        for (AutoCloseable c : opened) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
        return failure;
    }

    private static TopicWriter<Alert> alertWriter(ControlPlane control, ScorerConfig config) {
        try {
            return control.alertWriter(config.monitoring().alertsTopic());
        } catch (ControlPlaneException e) {
            LOG.warn("alerts are logged only: {}", e.getMessage());
            return null;
        }
    }

    private static Set<String> servedModels(ScorerConfig config) {
        Set<String> models = config.routes().stream().map(RouteConfig::model).collect(Collectors.toSet());
        servedOnly(config).forEach(m -> models.add(m.name()));
        return models;
    }

    private static void deployInitial(ModelService models, String what, String model, String version) {
        try {
            if (version.equals("latest")) {
                models.deployLatest(model).get(2, TimeUnit.MINUTES);
            } else {
                models.deploy(DeploymentSpec.stable(model, Integer.parseInt(version)))
                        .get(2, TimeUnit.MINUTES);
            }
        } catch (ExecutionException e) {
            throw new ConfigException(what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ConfigException(what + ": loading model " + model + " took more than 2 minutes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while loading models", e);
        }
    }

    private static void followLatest(ScorerConfig config, ModelService models, DeploymentFollower control) {
        Map<String, String> latest = new LinkedHashMap<>();
        config.routes().stream()
                .filter(RouteConfig::followsLatest)
                .forEach(r -> latest.put(r.model(), "route " + r.name()));
        servedOnly(config).stream()
                .filter(ServingConfig.ServedModel::followsLatest)
                .forEach(m -> latest.put(m.name(), "served model " + m.name()));
        latest.forEach((model, what) -> {
            if (control == null || !control.controls(model)) {
                try {
                    models.deployLatest(model).join();
                } catch (CompletionException e) {
                    LOG.warn(
                            "{}: newest version of {} not deployed, serving the current one: {}",
                            what,
                            model,
                            e.getCause().getMessage());
                } catch (RuntimeException e) {
                    LOG.warn("{}: cannot check for new versions of {}: {}", what, model, e.toString());
                }
            }
        });
    }

    /** Null when ready: the routes' streams run and the served models are loaded. */
    /**
     * A stopped scorer leaves its group at once, so its partitions move to the others without waiting for the
     * session timeout; a static member ({@code group.instance.id}) stays, to take them back when it restarts.
     */
    static CloseOptions.GroupMembershipOperation onClose(Map<?, ?> streamsConfig) {
        boolean staticMember = streamsConfig.keySet().stream()
                .anyMatch(k -> k.toString().endsWith(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
        return staticMember
                ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP
                : CloseOptions.GroupMembershipOperation.LEAVE_GROUP;
    }

    private static String readiness(KafkaStreams streams, OipServing oip) {
        if (streams != null && streams.state() != KafkaStreams.State.RUNNING) {
            return "not ready: " + streams.state();
        }
        return oip != null && !oip.ready() ? "not ready: served models are loading" : null;
    }

    /** The Kafka Streams state; RUNNING for a scorer without routes (it serves requests only). */
    public KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.RUNNING : streams.state();
    }

    /** The Open Inference Protocol REST port, or -1 when it is not served. */
    public int restPort() {
        return oip == null ? -1 : oip.restPort();
    }

    /** The Open Inference Protocol gRPC port, or -1 when it is not served. */
    public int grpcPort() {
        return oip == null ? -1 : oip.grpcPort();
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

    /** What the scorer knows about the topics it writes (limits, missing shadow topics). */
    public OutputTopics outputTopics() {
        return outputs;
    }

    /** The admin HTTP port, or -1 when disabled. */
    public int adminPort() {
        return admin == null ? -1 : admin.port();
    }

    /** Waits until the scorer processes records, or throws after {@code timeout}. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("scorer not running after " + timeout + ": " + state());
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
        if (oip != null) {
            oip.close();
        }
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
        if (streams != null) {
            streams.close(CloseOptions.groupMembershipOperation(onClose(config.streams()))
                    .withTimeout(Duration.ofSeconds(30)));
        }
        if (status != null) {
            status.close();
        }
        if (drift != null) {
            drift.close();
        }
        if (admin != null) {
            admin.close();
        }
        outputs.close();
        models.close();
        LOG.info("scorer {} stopped", config.scorerId());
    }
}
