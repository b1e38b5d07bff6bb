/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.envelope;

import dev.inferstream.model.Stage;
import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.ScoreResult;
import dev.inferstream.model.manifest.FieldPath;
import dev.inferstream.schemas.Audit;
import dev.inferstream.schemas.ClassProbability;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.FeatureValue;
import dev.inferstream.schemas.Header;
import dev.inferstream.schemas.ModelOutput;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.Tensor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@code Prediction} and {@code DeadLetter} envelopes. Both engines call these and nothing else, so
 * the same record scored online and in batch yields the same envelope field for field.
 */
public final class Envelopes {
    private Envelopes() {}

    /**
     * A deterministic prediction id: the same source record, model version and arm always give the same id, so
     * consumers can deduplicate and a re-score can be matched with the original. It is the first 16 bytes, in hex,
     * of the SHA-256 of {@code system|name|partition|offset|model|version|arm} in UTF-8.
     */
    public static String predictionId(Lineage lineage, String model, int version, String arm) {
        return PREDICTION_IDS.get().id(lineage.source(), model, version, arm);
    }

    /** One per thread: a digest and the encoded text around the offset, reused while they repeat. */
    private static final ThreadLocal<PredictionIds> PREDICTION_IDS = ThreadLocal.withInitial(PredictionIds::new);

    /** Looking a digest up costs more than using it: one per thread, reused. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Envelopes::sha256);

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The prediction envelope of one scored record, with its model, arm, lineage and timing. */
    public static Prediction prediction(
            String predictionId,
            LoadedModel model,
            String arm,
            ScoreResult result,
            List<ModelOutput> members,
            Lineage lineage,
            long scoredAtMillis,
            long latencyMicros,
            String scorer) {
        // the all-arguments constructor: the builder deep-copies defaults on every build, a cost paid per record
        return new Prediction(
                predictionId,
                lineage.key(),
                model.ref().name(),
                model.ref().version(),
                model.sha256(),
                arm,
                result.score(),
                result.label(),
                probabilities(result),
                tensors(result.tensors()),
                members,
                lineage.source(),
                lineage.schemaId(),
                Instant.ofEpochMilli(lineage.eventTime()),
                Instant.ofEpochMilli(scoredAtMillis),
                latencyMicros,
                scorer,
                null);
    }

    /** Names of the headers every prediction carries, whichever engine wrote it. */
    public static final List<String> PREDICTION_HEADERS = List.of(
            "ml.model",
            "ml.model.version",
            "ml.model.sha256",
            "ml.arm",
            "ml.prediction.id",
            "ml.schema.id",
            "ml.latency.us");

    /**
     * The headers of a prediction: the input's own headers (minus any {@code ml.*} prediction header they carry,
     * such as a version pin) followed by the prediction's lineage headers.
     */
    public static Map<String, byte[]> predictionHeaders(Map<String, byte[]> inputHeaders, Prediction prediction) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        inputHeaders.forEach((k, v) -> {
            if (!PREDICTION_HEADERS.contains(k)) {
                headers.put(k, v);
            }
        });
        headers.put("ml.model", utf8(prediction.getModel()));
        headers.put("ml.model.version", utf8(Integer.toString(prediction.getVersion())));
        headers.put("ml.model.sha256", utf8(prediction.getSha256()));
        headers.put("ml.arm", utf8(prediction.getArm()));
        headers.put("ml.prediction.id", utf8(prediction.getPredictionId()));
        if (prediction.getInputSchemaId() != null) {
            headers.put("ml.schema.id", utf8(Integer.toString(prediction.getInputSchemaId())));
        }
        headers.put("ml.latency.us", utf8(Long.toString(prediction.getLatencyMicros())));
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One model's output, for the members of ensembles and cascades.
     *
     * @param role {@code member:<i>} or {@code cascade:<stage>}
     */
    public static ModelOutput output(LoadedModel model, String role, ScoreResult result, long latencyMicros) {
        return ModelOutput.newBuilder()
                .setRole(role)
                .setLatencyMicros(latencyMicros)
                .setModel(model.ref().name())
                .setVersion(model.ref().version())
                .setSha256(model.sha256())
                .setScore(result.score())
                .setLabel(result.label())
                .setProbabilities(probabilities(result))
                .setTensors(tensors(result.tensors()))
                .build();
    }

    /**
     * The digest an ensemble's predictions carry as {@code sha256}: SHA-256 over its members' digests in order, so
     * that a change of any member changes it.
     */
    public static String ensembleSha256(List<ModelOutput> members) {
        MessageDigest digest = SHA256.get();
        for (ModelOutput member : members) {
            digest.update(member.getSha256().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The audit record of {@code prediction}: the input as received, the fields the model read, and the outputs.
     *
     * @param fieldPaths the fields the serving version's manifest reads
     */
    public static Audit audit(Prediction prediction, byte[] input, FieldSource fields, List<FieldPath> fieldPaths) {
        List<FeatureValue> features = new ArrayList<>(fieldPaths.size());
        for (FieldPath path : fieldPaths) {
            Object value = fields.value(path);
            features.add(
                    value instanceof Number n
                            ? new FeatureValue(path.text(), n.doubleValue(), null)
                            : new FeatureValue(path.text(), null, value == null ? null : value.toString()));
        }
        return new Audit(
                prediction.getPredictionId(),
                prediction.getModel(),
                prediction.getVersion(),
                prediction.getSha256(),
                prediction.getArm(),
                prediction.getSource(),
                prediction.getInputSchemaId(),
                input == null ? null : ByteBuffer.wrap(input),
                features,
                prediction.getScore(),
                prediction.getLabel(),
                prediction.getProbabilities(),
                prediction.getMembers(),
                prediction.getScorer(),
                prediction.getEventTime(),
                prediction.getScoredAt(),
                prediction.getExplanation());
    }

    /**
     * A dead letter keeping the original bytes and headers whole.
     *
     * @param model the model name if known, else null; {@code version} likewise
     */
    public static DeadLetter deadLetter(
            Stage stage,
            String reason,
            Throwable error,
            byte[] key,
            byte[] value,
            Map<String, byte[]> headers,
            Lineage lineage,
            String model,
            Integer version,
            long failedAtMillis,
            String scorer) {
        List<Header> headerList = new ArrayList<>(headers.size());
        headers.forEach((k, v) -> headerList.add(new Header(k, v == null ? null : ByteBuffer.wrap(v))));
        return DeadLetter.newBuilder()
                .setStage(dev.inferstream.schemas.Stage.valueOf(stage.name()))
                .setReason(reason)
                .setErrorClass(error.getClass().getName())
                .setErrorMessage(String.valueOf(error.getMessage()))
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setHeaders(headerList)
                .setSource(lineage.source())
                .setModel(model)
                .setVersion(version)
                .setEventTime(Instant.ofEpochMilli(lineage.eventTime()))
                .setFailedAt(Instant.ofEpochMilli(failedAtMillis))
                .setScorer(scorer)
                .build();
    }

    private static List<ClassProbability> probabilities(ScoreResult result) {
        List<ClassProbability> out = new ArrayList<>(result.probabilities().length);
        for (int i = 0; i < result.probabilities().length; i++) {
            out.add(new ClassProbability(result.classes().get(i), result.probabilities()[i]));
        }
        return out;
    }

    private static List<Tensor> tensors(Map<String, double[]> tensors) {
        if (tensors.isEmpty()) {
            return List.of();
        }
        List<Tensor> out = new ArrayList<>(tensors.size());
        tensors.forEach((name, values) -> {
            List<Double> list = new ArrayList<>(values.length);
            for (double v : values) {
                list.add(v);
            }
            out.add(new Tensor(name, List.of((long) values.length), list));
        });
        return out;
    }
}
