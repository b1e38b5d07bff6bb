/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import dev.inferstream.model.Stage;
import dev.inferstream.model.explain.ExplainException;
import dev.inferstream.model.explain.Explainer;
import dev.inferstream.model.explain.internals.Explainers;
import dev.inferstream.model.features.ColumnBatch;
import dev.inferstream.model.features.FeatureEncoder;
import dev.inferstream.model.features.FeatureException;
import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.inference.internals.Leases;
import dev.inferstream.model.manifest.InputSpec;
import dev.inferstream.model.manifest.ManifestException;
import dev.inferstream.model.manifest.ManifestParser;
import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.model.manifest.TensorType;
import dev.inferstream.model.repository.ModelArtifact;
import dev.inferstream.model.repository.ModelRef;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One model version loaded into an ONNX Runtime session, ready to score batches of records.
 *
 * <p>Scoring is thread-safe. Input rows are encoded straight into reusable native-order direct buffers that
 * ONNX Runtime reads without copying, and a whole batch goes through one {@code run} call. Callers that may
 * race with a hot swap hold a lease (taken inside common-model only, through {@link Leases}); {@link #retire()}
 * closes the session once the last lease is released, so in-flight calls always finish on the version they started
 * with.
 */
public final class LoadedModel {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    static {
        Leases.connect(new Leases.Access() {
            @Override
            public boolean tryAcquire(LoadedModel model) {
                return model.tryAcquire();
            }

            @Override
            public void release(LoadedModel model) {
                model.release();
            }
        });
    }

    private final ModelRef ref;
    private final ModelManifest manifest;
    private final String sha256;
    private final String location;
    private final OrtSession session;
    private final FeatureEncoder[] encoders;
    private final OnnxJavaType[] javaTypes;
    private final OutputReader outputs;
    private final boolean rowAtATime;
    private final boolean columnar;
    private final ConcurrentLinkedQueue<Buffers> buffers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger leases = new AtomicInteger(1);
    private final AtomicBoolean retired = new AtomicBoolean();
    private volatile Explainer explainer;

    private LoadedModel(
            ModelRef ref,
            ModelManifest manifest,
            String sha256,
            String location,
            OrtSession session,
            boolean rowAtATime) {
        this.ref = ref;
        this.manifest = manifest;
        this.sha256 = sha256;
        this.location = location;
        this.session = session;
        this.rowAtATime = rowAtATime;
        this.encoders = manifest.inputs().stream().map(FeatureEncoder::new).toArray(FeatureEncoder[]::new);
        this.javaTypes = manifest.inputs().stream()
                .map(i -> GraphContract.javaType(i.type()))
                .toArray(OnnxJavaType[]::new);
        this.outputs = new OutputReader(manifest);
        this.columnar = Arrays.stream(encoders).allMatch(FeatureEncoder::columnar);
    }

    /**
     * Parses and checks the manifest, verifies the checksum, creates the session, checks the manifest against the
     * graph and warms the model up. Anything wrong refuses the load; nothing is left open.
     */
    public static LoadedModel load(ModelArtifact artifact, InferenceOptions options) throws ModelLoadException {
        ModelRef ref = artifact.ref();
        String where = artifact.location();
        ModelManifest manifest;
        try {
            manifest = ManifestParser.parse(artifact.manifest(), where + "/model.yaml");
        } catch (ManifestException e) {
            throw new ModelLoadException(ref, where, e.getMessage(), e);
        }
        if (!manifest.name().equals(ref.name()) || manifest.version() != ref.version()) {
            throw new ModelLoadException(
                    ref,
                    where,
                    "model.yaml describes " + manifest.name() + "/" + manifest.version()
                            + "; name and version must match the repository folders",
                    null);
        }
        String sha = sha256(artifact.onnx());
        if (manifest.sha256().isPresent() && !manifest.sha256().get().equals(sha)) {
            throw new ModelLoadException(
                    ref,
                    where,
                    "checksum mismatch: model.yaml says sha256 "
                            + manifest.sha256().get() + " but model.onnx has " + sha
                            + " (the file is corrupt or belongs to another build)",
                    null);
        }
        OrtSession session;
        try (OrtSession.SessionOptions sessionOptions = sessionOptions(options, ref)) {
            session = ENV.createSession(artifact.onnx(), sessionOptions);
        } catch (OrtException e) {
            throw new ModelLoadException(ref, where, "ONNX Runtime cannot read model.onnx: " + e.getMessage(), e);
        }
        LoadedModel model = null;
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            List<String> problems = GraphContract.problems(manifest, inputs, session.getOutputInfo());
            if (!problems.isEmpty()) {
                throw new ModelLoadException(
                        ref, where, "model.yaml does not match the graph: " + String.join("; ", problems), null);
            }
            model = new LoadedModel(ref, manifest, sha, where, session, GraphContract.fixedBatchOfOne(inputs));
            model.warmUp(options.warmupRows());
            if (manifest.explain().isPresent()) {
                model.explainer =
                        Explainers.create(manifest, artifact.onnx(), artifact.attachments(), model::explainedOutputs);
            }
            return model;
        } catch (ExplainException e) {
            closeQuietly(session);
            throw new ModelLoadException(ref, where, "explain: " + e.getMessage(), e);
        } catch (OrtException e) {
            closeQuietly(session);
            throw new ModelLoadException(ref, where, "cannot inspect the graph: " + e.getMessage(), e);
        } catch (ModelLoadException e) {
            closeQuietly(session);
            throw e;
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw new ModelLoadException(ref, where, "warm-up failed: " + e, e);
        }
    }

    /** The model name and version. */
    public ModelRef ref() {
        return ref;
    }

    /** The version's parsed manifest. */
    public ModelManifest manifest() {
        return manifest;
    }

    /** SHA-256 of the model.onnx bytes this session was built from, in hex. */
    public String sha256() {
        return sha256;
    }

    /** Where the version was loaded from, for messages. */
    public String location() {
        return location;
    }

    /**
     * Scores {@code rows} in one inference call and returns one outcome per row, in order. A row whose fields
     * cannot be mapped fails alone; if the call itself fails, rows are retried one by one so that only the rows
     * that cause the failure are reported as failed.
     */
    public List<Outcome> score(List<? extends FieldSource> rows) {
        if (!tryAcquire()) {
            throw new IllegalStateException("model " + ref + " is closed");
        }
        try {
            if (rowAtATime && rows.size() > 1) {
                List<Outcome> out = new ArrayList<>(rows.size());
                for (FieldSource row : rows) {
                    out.addAll(scoreBatch(List.of(row)));
                }
                return out;
            }
            return scoreBatch(rows);
        } finally {
            release();
        }
    }

    /**
     * Scores records {@code records[0..count-1]} of a column batch, with the outcomes {@link #score(List)} gives for
     * those records read one by one ({@link ColumnBatch#row(int)}). When every input is {@link
     * FeatureEncoder#columnar()}, the columns go straight into the input tensors and the batch into one inference
     * call; a batch holding a record that cannot be mapped that way, or whose call fails, is scored record by record
     * instead, so a bad record still fails alone and for the same reason.
     */
    public List<Outcome> score(ColumnBatch batch, int[] records, int count) {
        if (!tryAcquire()) {
            throw new IllegalStateException("model " + ref + " is closed");
        }
        try {
            if (columnar && !rowAtATime && count > 0) {
                List<Outcome> scored = scoreColumns(batch, records, count);
                if (scored != null) {
                    return scored;
                }
            }
            return score(rows(batch, records, count));
        } finally {
            release();
        }
    }

    /** Whether {@link #score(ColumnBatch, int[], int)} fills this version's tensors straight from columns. */
    public boolean columnar() {
        return columnar;
    }

    private List<Outcome> scoreColumns(ColumnBatch batch, int[] records, int count) {
        Buffers b = borrow(count);
        try {
            for (int i = 0; i < encoders.length; i++) {
                if (!encoders[i].encodeColumns(batch, records, count, b.bytes[i])) {
                    return null;
                }
            }
            ScoreResult[] results = run(b, count);
            Outcome[] outcomes = new Outcome[count];
            for (int r = 0; r < count; r++) {
                outcomes[r] = new Outcome.Scored(results[r]);
            }
            return Arrays.asList(outcomes);
        } catch (OrtException | RuntimeException e) {
            return null;
        } finally {
            buffers.offer(b);
        }
    }

    private static List<FieldSource> rows(ColumnBatch batch, int[] records, int count) {
        List<FieldSource> rows = new ArrayList<>(count);
        for (int r = 0; r < count; r++) {
            rows.add(batch.row(records[r]));
        }
        return rows;
    }

    /** Scores one record. */
    public Outcome score(FieldSource row) {
        return score(List.of(row)).get(0);
    }

    /**
     * The explainer of this version, built at load time from the manifest's {@code explain:} section; empty when the
     * manifest has none.
     */
    public Optional<Explainer> explainer() {
        return Optional.ofNullable(explainer);
    }

    /** Per row, the class probabilities or the one-element score: what the explainers explain. */
    private double[][] explainedOutputs(List<? extends FieldSource> rows) throws ExplainException {
        List<Outcome> outcomes = score(rows);
        double[][] out = new double[outcomes.size()][];
        for (int r = 0; r < out.length; r++) {
            if (outcomes.get(r) instanceof Outcome.Failed failed) {
                throw new ExplainException(
                        "the model cannot score the row: " + failed.stage() + " " + failed.reason() + ": "
                                + failed.error().getMessage(),
                        failed.error());
            }
            ScoreResult result = ((Outcome.Scored) outcomes.get(r)).result();
            out[r] = result.probabilities().length > 0
                    ? result.probabilities()
                    : new double[] {result.score() == null ? Double.NaN : result.score()};
        }
        return out;
    }

    private List<Outcome> scoreBatch(List<? extends FieldSource> rows) {
        int n = rows.size();
        Outcome[] outcomes = new Outcome[n];
        if (n == 0) {
            return List.of();
        }
        Buffers b = borrow(n);
        try {
            int good = 0;
            int[] goodRows = b.goodRows;
            for (int r = 0; r < n; r++) {
                try {
                    for (int i = 0; i < encoders.length; i++) {
                        if (b.strings[i] != null) {
                            encoders[i].encodeStrings(rows.get(r), b.strings[i], good);
                        } else {
                            encoders[i].encode(rows.get(r), b.bytes[i], good);
                        }
                    }
                    goodRows[good++] = r;
                } catch (FeatureException e) {
                    outcomes[r] =
                            new Outcome.Failed(Stage.FEATURE_MAPPING, e.reason().name(), e);
                } catch (RuntimeException e) {
                    outcomes[r] = new Outcome.Failed(Stage.FEATURE_MAPPING, "UNEXPECTED", e);
                }
            }
            if (good > 0) {
                try {
                    ScoreResult[] results = run(b, good);
                    for (int g = 0; g < good; g++) {
                        outcomes[goodRows[g]] = new Outcome.Scored(results[g]);
                    }
                } catch (OrtException | RuntimeException e) {
                    isolateFailures(rows, outcomes, goodRows, good, e);
                }
            }
        } finally {
            buffers.offer(b);
        }
        return List.of(outcomes);
    }

    private void isolateFailures(
            List<? extends FieldSource> rows, Outcome[] outcomes, int[] goodRows, int good, Exception batchError) {
        if (good == 1) {
            outcomes[goodRows[0]] = new Outcome.Failed(Stage.INFERENCE, "RUN_FAILED", batchError);
            return;
        }
        int[] pending = Arrays.copyOf(goodRows, good);
        for (int r : pending) {
            outcomes[r] = scoreBatch(List.of(rows.get(r))).get(0);
        }
    }

    private ScoreResult[] run(Buffers b, int rows) throws OrtException {
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        try {
            for (int i = 0; i < encoders.length; i++) {
                InputSpec spec = encoders[i].spec();
                long[] shape = {rows, encoders[i].width()};
                OnnxTensor tensor;
                if (spec.type() == TensorType.STRING) {
                    tensor = OnnxTensor.createTensor(
                            ENV, Arrays.copyOf(b.strings[i], rows * encoders[i].width()), shape);
                } else {
                    ByteBuffer view = b.bytes[i].duplicate().order(ByteOrder.nativeOrder());
                    view.position(0)
                            .limit(rows * encoders[i].width() * spec.type().bytes());
                    tensor = OnnxTensor.createTensor(ENV, view, shape, javaTypes[i]);
                }
                inputs.put(spec.tensor(), tensor);
            }
            try (OrtSession.Result result = session.run(inputs, outputs.requestedOutputs())) {
                return outputs.read(result, rows);
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private Buffers borrow(int rows) {
        Buffers b = buffers.poll();
        if (b == null || b.capacity < rows) {
            b = new Buffers(Math.max(rows, b == null ? 0 : b.capacity));
        }
        return b;
    }

    private void warmUp(int rows) {
        if (rows == 0) {
            return;
        }
        List<FieldSource> sample = Collections.nCopies(rows, new WarmupRecord(manifest));
        for (List<FieldSource> batch : List.of(sample.subList(0, 1), sample)) {
            for (Outcome outcome : score(batch)) {
                if (outcome instanceof Outcome.Failed failed) {
                    throw new IllegalStateException(
                            failed.stage() + " " + failed.reason() + ": "
                                    + failed.error().getMessage(),
                            failed.error());
                }
            }
        }
    }

    /** Takes a lease; false once the model is closed. */
    boolean tryAcquire() {
        while (true) {
            int current = leases.get();
            if (current == 0) {
                return false;
            }
            if (leases.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Gives back a lease; the last one closes the session. */
    void release() {
        if (leases.decrementAndGet() == 0) {
            closeQuietly(session);
            buffers.clear();
        }
    }

    /** Stops serving: the session closes as soon as no lease is held. Idempotent. */
    public void retire() {
        if (retired.compareAndSet(false, true)) {
            release();
        }
    }

    /** True once the version is retired and its last lease released: its session is closed. */
    public boolean isClosed() {
        return leases.get() == 0;
    }

    @Override
    public String toString() {
        return "LoadedModel[" + ref + ", sha256=" + sha256.substring(0, 12) + "]";
    }

    private static OrtSession.SessionOptions sessionOptions(InferenceOptions options, ModelRef ref)
            throws OrtException {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setIntraOpNumThreads(options.intraOpThreads());
        so.setInterOpNumThreads(1);
        so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        so.addConfigEntry("session.intra_op.allow_spinning", "0");
        so.addConfigEntry("session.inter_op.allow_spinning", "0");
        so.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        so.setLoggerId(ref.toString());
        return so;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException | RuntimeException ignored) {
            // closing is best effort; the native memory is gone either way
        }
    }

    /** Reusable native buffers for one in-flight call, sized for {@code capacity} rows. */
    private final class Buffers {
        final int capacity;
        final ByteBuffer[] bytes = new ByteBuffer[encoders.length];
        final String[][] strings = new String[encoders.length][];
        final int[] goodRows;

        Buffers(int capacity) {
            this.capacity = Math.max(capacity, 16);
            this.goodRows = new int[this.capacity];
            for (int i = 0; i < encoders.length; i++) {
                TensorType type = encoders[i].spec().type();
                int slots = this.capacity * encoders[i].width();
                if (type == TensorType.STRING) {
                    strings[i] = new String[slots];
                } else {
                    bytes[i] = ByteBuffer.allocateDirect(slots * type.bytes()).order(ByteOrder.nativeOrder());
                }
            }
        }
    }
}
