/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.scoring;

import dev.inferstream.model.envelope.Lineage;
import dev.inferstream.model.envelope.RecordScorer;
import dev.inferstream.model.explain.Explanation;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.routing.Buckets;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.routing.Router;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.SourceRecord;
import dev.inferstream.serving.BatchSettings;
import dev.inferstream.serving.ServingListener;
import dev.inferstream.serving.oip.InferRequest;
import dev.inferstream.serving.oip.InferResponse;
import dev.inferstream.serving.oip.InferenceService;
import dev.inferstream.serving.oip.ModelMetadata;
import dev.inferstream.serving.oip.Protocol;
import dev.inferstream.serving.oip.ServerMetadata;
import dev.inferstream.serving.oip.ServingException;
import dev.inferstream.serving.oip.ServingException.Status;
import dev.inferstream.serving.oip.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The Open Inference Protocol over the models a {@link ModelService} serves, through the same record path as the
 * Kafka scorers: each row is routed by the model's current deployment (a version in the path pins it, like the
 * {@code ml.model.version} header), mapped by the manifest, scored, and becomes a {@code Prediction} whose lineage
 * source is the protocol and the request id.
 *
 * <p>Splits are sticky by the request parameter {@code key}, else by the request id; a request without an id gets a
 * random one (so its split is random). All rows of a request share its key.
 */
public final class ModelInferenceService implements InferenceService, AutoCloseable {
    /** The request parameter a split is sticky on. */
    public static final String KEY_PARAMETER = "key";

    private final ModelService models;
    private final Set<String> served;
    private final ServingListener listener;
    private final Map<String, RowScorer> scorers = new LinkedHashMap<>();
    private final String version;

    /**
     * @param served the models this server answers for; each is scored through one batcher
     * @param scorerId written into predictions as their scorer
     */
    public ModelInferenceService(
            ModelService models,
            Set<String> served,
            String scorerId,
            BatchSettings batching,
            ServingListener listener) {
        this.models = models;
        this.served = new TreeSet<>(served);
        this.listener = listener;
        for (String model : this.served) {
            RecordScorer scorer = new RecordScorer(models, model, scorerId);
            scorers.put(
                    model,
                    batching.enabled()
                            ? new DynamicBatcher(model, scorer, batching, listener)
                            : new DirectScorer(model, scorer, listener));
        }
        String implementation = getClass().getPackage().getImplementationVersion();
        this.version = implementation == null ? "dev" : implementation;
    }

    @Override
    public ServerMetadata serverMetadata() {
        return new ServerMetadata("inferstream", version, List.of("binary_tensor_data"));
    }

    @Override
    public boolean ready() {
        return served.stream().allMatch(m -> models.deployment(m).isPresent());
    }

    @Override
    public boolean modelReady(String model, String version) {
        known(model);
        if (models.deployment(model).isEmpty()) {
            return false;
        }
        if (version != null) {
            loaded(model, version);
        }
        return true;
    }

    @Override
    public ModelMetadata modelMetadata(String model, String version) {
        DeploymentSpec spec = deployed(model);
        LoadedModel loaded = version == null ? main(spec) : loaded(model, version);
        return Metadata.of(loaded, spec.versions());
    }

    @Override
    public InferResponse infer(InferRequest request, Protocol protocol) {
        long arrival = System.nanoTime();
        String model = request.model();
        DeploymentSpec spec = deployed(model);
        LoadedModel pinned = request.version() == null ? null : loaded(model, request.version());
        LoadedModel main = pinned != null ? pinned : main(spec);
        Outputs.check(request.outputs(), main.manifest());
        RequestRows.Rows rows = RequestRows.of(request.inputs(), manifests(spec, pinned));
        String id = request.id() == null || request.id().isEmpty()
                ? new UUID(
                                ThreadLocalRandom.current().nextLong(),
                                ThreadLocalRandom.current().nextLong())
                        .toString()
                : request.id();
        Object keyParameter = request.parameters().get(KEY_PARAMETER);
        String key = keyParameter != null ? keyParameter.toString() : id;
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> headers = pinned == null
                ? Map.of()
                : Map.of(
                        Router.VERSION_HEADER,
                        Integer.toString(pinned.ref().version()).getBytes(StandardCharsets.UTF_8));
        long now = System.currentTimeMillis();
        List<RecordScorer.Input> inputs = new ArrayList<>(rows.rows().size());
        for (int r = 0; r < rows.rows().size(); r++) {
            Lineage lineage = new Lineage(new SourceRecord(protocol.label(), id, 0, (long) r), key, null, now);
            inputs.add(RecordScorer.Input.decoded(
                    lineage, keyBytes, null, headers, rows.rows().get(r), arrival));
        }
        List<RecordScorer.Result> results = scorers.get(model).score(inputs);
        List<RecordScorer.Predicted> predicted = new ArrayList<>(results.size());
        for (int r = 0; r < results.size(); r++) {
            if (results.get(r) instanceof RecordScorer.DeadLettered dead) {
                throw failure(dead.deadLetter(), r, results.size());
            }
            predicted.add((RecordScorer.Predicted) results.get(r));
        }
        listener.predicted(protocol, predicted);
        List<Explanation> explanations =
                ExplainOutputs.requested(request.parameters()) ? ExplainOutputs.explain(predicted) : List.of();
        return response(request, id, predicted, explanations, arrival);
    }

    private InferResponse response(
            InferRequest request,
            String id,
            List<RecordScorer.Predicted> predicted,
            List<Explanation> explanations,
            long arrival) {
        List<Prediction> rows =
                predicted.stream().map(RecordScorer.Predicted::prediction).toList();
        String modelVersion = perRow(rows, p -> Integer.toString(p.getVersion()), true);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("model_version", modelVersion);
        parameters.put("arm", perRow(rows, Prediction::getArm, true));
        parameters.put("prediction_id", perRow(rows, Prediction::getPredictionId, false));
        parameters.put("sha256", perRow(rows, Prediction::getSha256, true));
        parameters.put("latency_us", (System.nanoTime() - arrival) / 1000);
        ModelManifest manifest = predicted.get(0).model().manifest();
        List<Tensor> outputs = new ArrayList<>(Outputs.of(manifest, rows, request.outputs()));
        if (!explanations.isEmpty()) {
            ExplainOutputs.add(explanations, outputs, parameters);
        }
        return new InferResponse(request.model(), modelVersion, id, parameters, outputs);
    }

    /** One value when every row has the same (and {@code collapse}), else the rows' values comma-separated. */
    private static String perRow(List<Prediction> rows, Function<Prediction, String> value, boolean collapse) {
        String first = value.apply(rows.get(0));
        if (rows.size() == 1
                || (collapse && rows.stream().allMatch(p -> value.apply(p).equals(first)))) {
            return first;
        }
        return String.join(",", rows.stream().map(value).toList());
    }

    private static ServingException failure(DeadLetter dead, int row, int rows) {
        String where = rows > 1 ? "row " + row + ": " : "";
        String message = where + dead.getErrorMessage();
        return switch (dead.getReason()) {
            case "VERSION_NOT_SERVED", "BAD_VERSION_HEADER" -> ServingException.notFound(message);
            case "MODEL_NOT_DEPLOYED" -> new ServingException(Status.UNAVAILABLE, message);
            default ->
                switch (dead.getStage()) {
                    case FEATURE_MAPPING, ROUTING -> ServingException.invalid(message);
                    default ->
                        new ServingException(
                                Status.INTERNAL, dead.getStage() + " " + dead.getReason() + ": " + message);
                };
        };
    }

    private void known(String model) {
        if (!served.contains(model)) {
            throw ServingException.notFound("model '" + model + "' is not served here; served models: " + served);
        }
    }

    private DeploymentSpec deployed(String model) {
        known(model);
        return models.deployment(model)
                .orElseThrow(() -> new ServingException(
                        Status.UNAVAILABLE, "model '" + model + "' has no version loaded yet; retry shortly"));
    }

    private LoadedModel loaded(String model, String version) {
        DeploymentSpec spec = deployed(model);
        int v;
        try {
            v = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            v = -1;
        }
        if (v < 1 || !spec.versions().contains(v)) {
            throw ServingException.notFound(
                    "version '" + version + "' of " + model + " is not served; served versions: " + spec.versions()
                            + " (a deployment's pinnable versions can be added with scorerctl pin)");
        }
        int wanted = v;
        return models.loaded(new ModelRef(model, v))
                .orElseThrow(() -> ServingException.notFound(
                        "version " + wanted + " of " + model + " is not loaded; served versions: " + spec.versions()));
    }

    /** The deployment's main version: stable, or the first member of an ensemble or cascade. */
    private LoadedModel main(DeploymentSpec spec) {
        int version = spec.policy().choose(Buckets.COUNT - 1).version();
        return loaded(spec.model(), Integer.toString(version));
    }

    private List<ModelManifest> manifests(DeploymentSpec spec, LoadedModel pinned) {
        if (pinned != null) {
            return List.of(pinned.manifest());
        }
        List<ModelManifest> manifests = new ArrayList<>();
        for (int v : spec.versions()) {
            models.loaded(new ModelRef(spec.model(), v)).ifPresent(m -> manifests.add(m.manifest()));
        }
        return manifests;
    }

    /** Stops the batchers; waiting requests fail as unavailable. */
    @Override
    public void close() {
        scorers.values().forEach(RowScorer::close);
    }
}
