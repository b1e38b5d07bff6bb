/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.envelope;

import dev.inferstream.model.Stage;
import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.Outcome;
import dev.inferstream.model.inference.ScoreResult;
import dev.inferstream.model.routing.EnsemblePolicy;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.model.serving.ScoredRecord;
import dev.inferstream.model.serving.ScoringRequest;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.ModelOutput;
import dev.inferstream.schemas.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole per-record path both engines share after decoding: route, map, score a batch, and build the
 * {@code Prediction} (with its headers), the shadow predictions, or the {@code DeadLetter}. The streaming
 * scorer and the batch scorer differ only in how records arrive and where results go.
 */
public final class RecordScorer {
    private final ModelService models;
    private final String model;
    private final String scorerId;

    /** Scores {@code model}'s records through {@code models}; {@code scorerId} goes into every prediction's lineage. */
    public RecordScorer(ModelService models, String model, String scorerId) {
        this.models = models;
        this.model = model;
        this.scorerId = scorerId;
    }

    /**
     * One decoded (or undecodable) input record.
     *
     * @param fields the decoded record, or null when decoding failed ({@code decodeFailure} says why)
     * @param value the original value bytes, kept for dead letters (null for sources without bytes)
     * @param arrivalNanos {@link System#nanoTime()} when the engine received it, for {@code ml.latency.us}
     */
    public record Input(
            Lineage lineage,
            byte[] key,
            byte[] value,
            Map<String, byte[]> headers,
            FieldSource fields,
            DecodeFailure decodeFailure,
            long arrivalNanos) {
        /** A record whose value decoded into {@code fields}. */
        public static Input decoded(
                Lineage lineage,
                byte[] key,
                byte[] value,
                Map<String, byte[]> headers,
                FieldSource fields,
                long arrivalNanos) {
            return new Input(lineage, key, value, headers, fields, null, arrivalNanos);
        }

        /** A record that could not be decoded: it becomes a dead letter with {@code reason}. */
        public static Input failed(
                Lineage lineage,
                byte[] key,
                byte[] value,
                Map<String, byte[]> headers,
                String reason,
                Throwable error) {
            return new Input(lineage, key, value, headers, null, new DecodeFailure(reason, error), 0);
        }
    }

    /** Why a record could not be decoded. */
    public record DecodeFailure(String reason, Throwable error) {}

    /** What became of one input. */
    public sealed interface Result {
        Input input();
    }

    /**
     * A prediction, plus the shadow versions' predictions of the same record.
     *
     * @param model the version the prediction is filed under (an ensemble's first member)
     */
    public record Predicted(
            Input input, Prediction prediction, List<Shadow> shadows, long latencyNanos, LoadedModel model)
            implements Result {
        /** The headers to write it with: the input's, then the {@code ml.*} lineage headers. */
        public Map<String, byte[]> headers() {
            return Envelopes.predictionHeaders(input.headers(), prediction);
        }
    }

    /** A shadow version's prediction, carrying the production prediction's id. */
    public record Shadow(Input input, Prediction prediction) {
        /** The headers to write it with: the input's, then the {@code ml.*} lineage headers. */
        public Map<String, byte[]> headers() {
            return Envelopes.predictionHeaders(input.headers(), prediction);
        }
    }

    /** A record that could not be scored. */
    public record DeadLettered(Input input, DeadLetter deadLetter) implements Result {}

    /** Scores the decoded inputs in one batch and returns one result per input, in order. */
    public List<Result> score(List<Input> inputs) {
        List<ScoringRequest> requests = new ArrayList<>(inputs.size());
        List<Integer> positions = new ArrayList<>(inputs.size());
        Result[] results = new Result[inputs.size()];
        long now = System.currentTimeMillis();
        for (int i = 0; i < inputs.size(); i++) {
            Input in = inputs.get(i);
            if (in.fields() == null) {
                results[i] = deadLetter(
                        in,
                        Stage.DECODE,
                        in.decodeFailure().reason(),
                        in.decodeFailure().error(),
                        null,
                        null,
                        now);
            } else {
                requests.add(new ScoringRequest(in.key(), in.headers()::get, in.fields(), in.lineage()::identity));
                positions.add(i);
            }
        }
        if (!requests.isEmpty()) {
            List<ScoredRecord> scored = models.score(model, requests);
            long scoredAt = System.currentTimeMillis();
            for (int j = 0; j < scored.size(); j++) {
                int i = positions.get(j);
                results[i] = result(inputs.get(i), scored.get(j), scoredAt);
            }
        }
        return List.of(results);
    }

    private Result result(Input in, ScoredRecord scored, long now) {
        LoadedModel served = scored.model();
        if (scored.outcome() instanceof Outcome.Failed failed) {
            return deadLetter(
                    in,
                    failed.stage(),
                    failed.reason(),
                    failed.error(),
                    model,
                    served == null ? null : served.ref().version(),
                    now);
        }
        ScoreResult result = ((Outcome.Scored) scored.outcome()).result();
        String arm = scored.decision().arm();
        String id = Envelopes.predictionId(
                in.lineage(), served.ref().name(), served.ref().version(), arm);
        long latencyNanos = in.arrivalNanos() == 0 ? 0 : System.nanoTime() - in.arrivalNanos();
        List<ModelOutput> members = members(scored);
        Prediction prediction = Envelopes.prediction(
                id, served, arm, result, members, in.lineage(), now, latencyNanos / 1000, scorerId);
        if (arm.equals(EnsemblePolicy.ARM)) {
            prediction.setSha256(Envelopes.ensembleSha256(members));
        }
        List<Shadow> shadows = new ArrayList<>(scored.shadows().size());
        for (ScoredRecord.Shadow shadow : scored.shadows()) {
            if (shadow.outcome() instanceof Outcome.Scored shadowScored) {
                Prediction p = Envelopes.prediction(
                        id,
                        shadow.model(),
                        "shadow:" + shadow.model().ref().version(),
                        shadowScored.result(),
                        List.of(),
                        in.lineage(),
                        now,
                        latencyNanos / 1000,
                        scorerId);
                shadows.add(new Shadow(in, p));
            }
        }
        return new Predicted(in, prediction, shadows, latencyNanos, served);
    }

    private static List<ModelOutput> members(ScoredRecord scored) {
        if (scored.members().isEmpty()) {
            return List.of();
        }
        List<ModelOutput> members = new ArrayList<>(scored.members().size());
        for (ScoredRecord.Member m : scored.members()) {
            members.add(Envelopes.output(m.model(), m.role(), m.outcome().result(), m.nanos() / 1000));
        }
        return members;
    }

    private DeadLettered deadLetter(
            Input in, Stage stage, String reason, Throwable error, String modelName, Integer version, long now) {
        return new DeadLettered(
                in,
                Envelopes.deadLetter(
                        stage,
                        reason,
                        error,
                        in.key(),
                        in.value(),
                        in.headers(),
                        in.lineage(),
                        modelName,
                        version,
                        now,
                        scorerId));
    }
}
