/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.serving;

import dev.inferstream.model.Stage;
import dev.inferstream.model.features.ColumnBatch;
import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.ModelLoadException;
import dev.inferstream.model.inference.Outcome;
import dev.inferstream.model.inference.internals.Leases;
import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.repository.ModelRepository;
import dev.inferstream.model.routing.CascadePolicy;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.routing.EnsemblePolicy;
import dev.inferstream.model.routing.HeaderView;
import dev.inferstream.model.routing.OutputCompatibility;
import dev.inferstream.model.routing.RouteDecision;
import dev.inferstream.model.routing.Router;
import dev.inferstream.model.routing.RoutingException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves deployed models: owns every loaded session, routes and scores batches, and swaps deployments
 * without stopping traffic.
 *
 * <p>{@link #deploy} loads and warms up any version the new spec needs in the background, then switches to the
 * new spec in one step; versions no longer needed are closed once their in-flight calls finish. A version that
 * fails to load leaves the serving deployment untouched and is reported to the {@link Listener}.
 *
 * <pre>{@code
 * ModelService models = new ModelService(ModelRepository.open("models"), InferenceOptions.defaults());
 * models.deploy(DeploymentSpec.stable("fraud", 3)).join();
 * List<ScoredRecord> scored = models.score("fraud", requests);
 * }</pre>
 */
public final class ModelService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelService.class);
    private static final int MAX_FAILURES_KEPT = 100;

    private final ModelRepository repository;
    private final InferenceOptions options;
    private final Map<String, Active> active = new ConcurrentHashMap<>();
    private final Deque<LoadFailure> failures = new ConcurrentLinkedDeque<>();
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "model-loader");
        t.setDaemon(true);
        return t;
    });

    private volatile Listener listener = new Listener() {};

    /** Told of every load, refused load and deployment switch; for metrics. Calls come from the loader thread. */
    public interface Listener {
        /** {@code ref} is loaded and warmed up, after {@code loadNanos}. */
        default void loaded(ModelRef ref, long loadNanos) {}

        /** {@code ref} was refused; the serving deployment stays. */
        default void loadFailed(ModelRef ref, String reason) {}

        /** {@code spec} now serves its model. */
        default void deployed(DeploymentSpec spec) {}
    }

    /** Sets the one listener (replacing the previous one). */
    public void listen(Listener listener) {
        this.listener = listener;
    }

    /** A service that loads versions from {@code repository} into sessions configured by {@code options}. */
    public ModelService(ModelRepository repository, InferenceOptions options) {
        this.repository = repository;
        this.options = options;
    }

    /** The repository versions are loaded from. */
    public ModelRepository repository() {
        return repository;
    }

    /**
     * Makes {@code spec} the model's deployment once every version it needs is loaded. Completes exceptionally
     * (with a {@link ModelLoadException}) when a version cannot be loaded; the previous deployment then stays.
     */
    public CompletableFuture<DeploymentSpec> deploy(DeploymentSpec spec) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        swapIn(spec);
                        return spec;
                    } catch (ModelLoadException e) {
                        throw new CompletionException(e);
                    }
                },
                loader);
    }

    /** Deploys the highest published version as stable, unless it already is. */
    public CompletableFuture<DeploymentSpec> deployLatest(String model) {
        int latest;
        try {
            latest = repository.latestVersion(model);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (latest < 0) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "model '" + model + "' has no published version in " + repository.location()));
        }
        Optional<DeploymentSpec> current = deployment(model);
        if (current.isPresent() && current.get().policy().versions().equals(Set.of(latest))) {
            return CompletableFuture.completedFuture(current.get());
        }
        return deploy(DeploymentSpec.stable(model, latest));
    }

    /** The deployment serving {@code model}, empty before its first {@link #deploy}. */
    public Optional<DeploymentSpec> deployment(String model) {
        return Optional.ofNullable(active.get(model)).map(Active::spec);
    }

    /** The loaded version {@code ref}, if the current deployment serves it. */
    public Optional<LoadedModel> loaded(ModelRef ref) {
        return Optional.ofNullable(active.get(ref.name())).map(a -> a.models().get(ref.version()));
    }

    /** The most recent refused loads, newest first; callers hear of each through {@link Listener#loadFailed}. */
    List<LoadFailure> failures() {
        return List.copyOf(failures);
    }

    /**
     * Routes and scores a batch for one model, one inference call per version involved. Never throws for a bad
     * record: routing and feature failures come back as {@link Outcome.Failed} in that record's slot.
     */
    public List<ScoredRecord> score(String model, List<ScoringRequest> requests) {
        for (int attempt = 0; ; attempt++) {
            Active current = active.get(model);
            if (current == null) {
                Outcome failed = new Outcome.Failed(
                        Stage.ROUTING,
                        "MODEL_NOT_DEPLOYED",
                        new IllegalStateException("model '" + model + "' is not deployed on this scorer"));
                return requests.stream()
                        .map(r -> new ScoredRecord(null, null, failed, List.of()))
                        .toList();
            }
            if (current.acquireAll()) {
                try {
                    return score(current, requests);
                } finally {
                    current.releaseAll();
                }
            }
            if (attempt > 100) {
                throw new IllegalStateException("model " + model + " kept being swapped while scoring");
            }
        }
    }

    /**
     * Routes and scores a batch given as columns: the records of {@code batch} without keys or headers (file rows),
     * each split by its deployment key field or its {@code identity}, exactly as {@link #score(String, List)} would
     * route and score them. Each version's records go through {@link LoadedModel#score(ColumnBatch, int[], int)};
     * deployments with shadows, ensembles or cascades take the per-record path.
     *
     * @param identity record index → its lineage identity, asked for only when the policy splits by it
     */
    public List<ScoredRecord> score(String model, ColumnBatch batch, IntFunction<byte[]> identity) {
        for (int attempt = 0; ; attempt++) {
            Active current = active.get(model);
            if (current == null || !current.spec().shadows().isEmpty()) {
                return score(model, requests(batch, identity));
            }
            if (current.acquireAll()) {
                try {
                    return scoreColumns(current, batch, identity);
                } finally {
                    current.releaseAll();
                }
            }
            if (attempt > 100) {
                throw new IllegalStateException("model " + model + " kept being swapped while scoring");
            }
        }
    }

    private List<ScoredRecord> scoreColumns(Active current, ColumnBatch batch, IntFunction<byte[]> identity) {
        int n = batch.size();
        RouteDecision[] decisions = new RouteDecision[n];
        Outcome[] outcomes = new Outcome[n];
        Map<Integer, int[]> byVersion = new HashMap<>(4);
        Map<Integer, Integer> counts = new HashMap<>(4);
        for (int i = 0; i < n; i++) {
            int record = i;
            try {
                decisions[i] =
                        Router.route(current.spec(), null, HeaderView.NONE, batch.row(i), () -> identity.apply(record));
                if (Composites.isComposite(decisions[i])) {
                    return score(current, requests(batch, identity));
                }
                int version = decisions[i].version();
                int count = counts.merge(version, 1, Integer::sum);
                byVersion.computeIfAbsent(version, v -> new int[n])[count - 1] = i;
            } catch (RoutingException e) {
                outcomes[i] = new Outcome.Failed(Stage.ROUTING, e.reason(), e);
            }
        }
        LoadedModel[] servedBy = new LoadedModel[n];
        for (Map.Entry<Integer, int[]> group : byVersion.entrySet()) {
            LoadedModel model = current.models().get(group.getKey());
            int[] records = group.getValue();
            int count = counts.get(group.getKey());
            List<Outcome> scored = model.score(batch, records, count);
            for (int j = 0; j < count; j++) {
                outcomes[records[j]] = scored.get(j);
                servedBy[records[j]] = model;
            }
        }
        List<ScoredRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new ScoredRecord(decisions[i], servedBy[i], outcomes[i], List.of()));
        }
        return out;
    }

    private static List<ScoringRequest> requests(ColumnBatch batch, IntFunction<byte[]> identity) {
        List<ScoringRequest> requests = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            int record = i;
            requests.add(new ScoringRequest(null, HeaderView.NONE, batch.row(i), () -> identity.apply(record)));
        }
        return requests;
    }

    private List<ScoredRecord> score(Active current, List<ScoringRequest> requests) {
        int n = requests.size();
        RouteDecision[] decisions = new RouteDecision[n];
        Outcome[] outcomes = new Outcome[n];
        LoadedModel[] servedBy = new LoadedModel[n];
        List<List<ScoredRecord.Member>> members = new ArrayList<>(Collections.nCopies(n, List.of()));
        Map<Integer, List<Integer>> byVersion = new HashMap<>(4);
        List<Integer> composite = new ArrayList<>();
        List<Integer> routed = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ScoringRequest request = requests.get(i);
            try {
                decisions[i] = Router.route(
                        current.spec(), request.key(), request.headers(), request.fields(), request.identity());
                if (Composites.isComposite(decisions[i])) {
                    composite.add(i);
                } else {
                    byVersion
                            .computeIfAbsent(decisions[i].version(), v -> new ArrayList<>())
                            .add(i);
                }
                routed.add(i);
            } catch (RoutingException e) {
                outcomes[i] = new Outcome.Failed(Stage.ROUTING, e.reason(), e);
            }
        }
        for (Map.Entry<Integer, List<Integer>> group : byVersion.entrySet()) {
            LoadedModel model = current.models().get(group.getKey());
            List<Outcome> scored = model.score(fields(requests, group.getValue()));
            for (int j = 0; j < scored.size(); j++) {
                int i = group.getValue().get(j);
                outcomes[i] = scored.get(j);
                servedBy[i] = model;
            }
        }
        if (!composite.isEmpty()) {
            List<FieldSource> rows = fields(requests, composite);
            List<Composites.Scored> scored = current.spec().policy() instanceof EnsemblePolicy e
                    ? Composites.ensemble(e, current.models(), rows, decisions[composite.get(0)])
                    : Composites.cascade(
                            (CascadePolicy) current.spec().policy(),
                            current.models(),
                            rows,
                            current.spec().shadows());
            for (int j = 0; j < scored.size(); j++) {
                int i = composite.get(j);
                Composites.Scored c = scored.get(j);
                decisions[i] = c.decision();
                outcomes[i] = c.outcome();
                servedBy[i] = c.model();
                members.set(i, c.members());
            }
        }
        List<List<ScoredRecord.Shadow>> shadows = shadows(current, requests, routed, outcomes);
        List<ScoredRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new ScoredRecord(decisions[i], servedBy[i], outcomes[i], shadows.get(i), members.get(i)));
        }
        return out;
    }

    private static List<List<ScoredRecord.Shadow>> shadows(
            Active current, List<ScoringRequest> requests, List<Integer> routed, Outcome[] outcomes) {
        List<List<ScoredRecord.Shadow>> shadows = new ArrayList<>(Collections.nCopies(requests.size(), List.of()));
        List<Integer> shadowed = current.spec().shadows().isEmpty()
                ? List.of()
                : routed.stream()
                        .filter(i -> outcomes[i] instanceof Outcome.Scored)
                        .toList();
        for (int version : current.spec().shadows()) {
            if (shadowed.isEmpty()) {
                break;
            }
            LoadedModel shadow = current.models().get(version);
            List<Outcome> scored = shadow.score(fields(requests, shadowed));
            for (int j = 0; j < shadowed.size(); j++) {
                int i = shadowed.get(j);
                List<ScoredRecord.Shadow> list = new ArrayList<>(shadows.get(i));
                list.add(new ScoredRecord.Shadow(shadow, scored.get(j)));
                shadows.set(i, list);
            }
        }
        return shadows;
    }

    private static List<FieldSource> fields(List<ScoringRequest> requests, List<Integer> indexes) {
        List<FieldSource> fields = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            fields.add(requests.get(i).fields());
        }
        return fields;
    }

    private void swapIn(DeploymentSpec spec) throws ModelLoadException {
        Active previous = active.get(spec.model());
        Map<Integer, LoadedModel> models = new HashMap<>();
        List<LoadedModel> fresh = new ArrayList<>();
        try {
            for (int version : spec.versions()) {
                LoadedModel reused = previous == null ? null : previous.models().get(version);
                if (reused != null) {
                    models.put(version, reused);
                    continue;
                }
                LoadedModel loaded = load(new ModelRef(spec.model(), version));
                fresh.add(loaded);
                models.put(version, loaded);
            }
        } catch (ModelLoadException e) {
            fresh.forEach(LoadedModel::retire);
            throw e;
        }
        Map<Integer, ModelManifest> manifests = new HashMap<>();
        models.forEach((version, model) -> manifests.put(version, model.manifest()));
        String incompatible = OutputCompatibility.problem(spec.policy(), manifests);
        if (incompatible != null) {
            fresh.forEach(LoadedModel::retire);
            ModelLoadException refused = new ModelLoadException(
                    new ModelRef(
                            spec.model(), spec.policy().versions().iterator().next()),
                    repository.location(),
                    incompatible,
                    null);
            recordFailure(refused);
            throw refused;
        }
        active.put(spec.model(), new Active(spec, Map.copyOf(models)));
        if (previous != null) {
            previous.models().forEach((version, model) -> {
                if (models.get(version) != model) {
                    model.retire();
                }
            });
        }
        LOG.info("deployed {}: versions {} (revision {})", spec.model(), spec.versions(), spec.revision());
        listener.deployed(spec);
    }

    private LoadedModel load(ModelRef ref) throws ModelLoadException {
        long start = System.nanoTime();
        try {
            LoadedModel loaded = LoadedModel.load(repository.fetch(ref), options);
            listener.loaded(ref, System.nanoTime() - start);
            return loaded;
        } catch (IOException e) {
            ModelLoadException failure =
                    new ModelLoadException(ref, repository.location(), "cannot read the model files: " + e, e);
            recordFailure(failure);
            throw failure;
        } catch (ModelLoadException e) {
            recordFailure(e);
            throw e;
        }
    }

    private void recordFailure(ModelLoadException e) {
        LOG.error("refused to load {}; the serving deployment is unchanged: {}", e.ref(), e.getMessage());
        failures.addFirst(new LoadFailure(e.ref(), Instant.now(), e.getMessage()));
        listener.loadFailed(e.ref(), e.getMessage());
        while (failures.size() > MAX_FAILURES_KEPT) {
            failures.pollLast();
        }
    }

    @Override
    public void close() {
        loader.shutdownNow();
        for (Active a : active.values()) {
            a.models().values().forEach(LoadedModel::retire);
        }
        active.clear();
    }

    /** A deployment and the sessions serving it. */
    private record Active(DeploymentSpec spec, Map<Integer, LoadedModel> models) {
        boolean acquireAll() {
            List<LoadedModel> acquired = new ArrayList<>(models.size());
            for (LoadedModel model : models.values()) {
                if (!Leases.tryAcquire(model)) {
                    acquired.forEach(Leases::release);
                    return false;
                }
                acquired.add(model);
            }
            return true;
        }

        void releaseAll() {
            models.values().forEach(Leases::release);
        }
    }
}
