/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.serving;

import static dev.inferstream.model.Fixtures.BINARY_OUTPUTS;
import static dev.inferstream.model.Fixtures.numericManifest;
import static dev.inferstream.model.Fixtures.publish;
import static dev.inferstream.model.Fixtures.randomRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.inferstream.model.Stage;
import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.ModelLoadException;
import dev.inferstream.model.inference.Outcome;
import dev.inferstream.model.inference.ScoreResult;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.routing.CascadePolicy;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.routing.EnsemblePolicy;
import dev.inferstream.model.routing.HeaderView;
import dev.inferstream.model.routing.RolloutPolicy;
import dev.inferstream.model.routing.Router;
import dev.inferstream.testkit.onnx.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelServiceTest {
    private static final int F = 30;

    @TempDir
    Path dir;

    private LocalModelRepository repo;
    private ModelService service;

    @BeforeEach
    void setUp() throws Exception {
        repo = new LocalModelRepository(dir);
        for (int v = 1; v <= 3; v++) {
            publish(repo, "fraud", v, numericManifest("fraud", v, F, BINARY_OUTPUTS), TestModels.mlp(F, 16, 8, 2, v));
        }
        service = new ModelService(repo, InferenceOptions.defaults());
    }

    @AfterEach
    void tearDown() {
        service.close();
    }

    @Test
    void deploysTheLatestPublishedVersion() {
        assertThat(service.deployLatest("fraud").join().versions()).containsExactly(3);
        List<ScoredRecord> scored = service.score("fraud", requests(5));
        assertThat(scored).allSatisfy(s -> {
            assertThat(s.outcome()).isInstanceOf(Outcome.Scored.class);
            assertThat(s.model().ref()).isEqualTo(new ModelRef("fraud", 3));
            assertThat(s.decision().arm()).isEqualTo("stable");
        });
    }

    @Test
    void hotSwapUnderConcurrentLoadFailsNoCall() throws Exception {
        service.deploy(DeploymentSpec.stable("fraud", 1)).join();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong calls = new AtomicLong();
        Set<Integer> versionsSeen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> workers = new ArrayList<>();
        List<ScoringRequest> batch = requests(32);
        for (int t = 0; t < 3; t++) {
            workers.add(pool.submit(() -> {
                while (running.get()) {
                    for (ScoredRecord s : service.score("fraud", batch)) {
                        if (!(s.outcome() instanceof Outcome.Scored)) {
                            throw new AssertionError("failed call during swap: " + s.outcome());
                        }
                        versionsSeen.add(s.model().ref().version());
                    }
                    calls.incrementAndGet();
                }
                return null;
            }));
        }
        List<LoadedModel> replaced = new ArrayList<>();
        for (int swap = 0; swap < 30; swap++) {
            LoadedModel before =
                    service.loaded(new ModelRef("fraud", swap % 2 == 0 ? 1 : 2)).orElseThrow();
            service.deploy(DeploymentSpec.stable("fraud", swap % 2 == 0 ? 2 : 1))
                    .join();
            replaced.add(before);
        }
        running.set(false);
        for (Future<?> worker : workers) {
            worker.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(calls.get()).isGreaterThan(30);
        assertThat(versionsSeen).containsExactlyInAnyOrder(1, 2);
        assertThat(replaced).allSatisfy(m -> assertThat(m.isClosed()).isTrue());
    }

    @Test
    void aModelThatFailsToLoadNeverReplacesTheServingOne() throws Exception {
        service.deploy(DeploymentSpec.stable("fraud", 2)).join();
        Path broken = Files.createDirectories(dir.resolve("fraud/4"));
        Files.writeString(broken.resolve("model.yaml"), numericManifest("fraud", 4, F, BINARY_OUTPUTS));
        Files.write(broken.resolve("model.onnx"), "not a model".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(
                        () -> service.deploy(DeploymentSpec.stable("fraud", 4)).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(ModelLoadException.class);

        assertThat(service.deployment("fraud").orElseThrow().versions()).containsExactly(2);
        assertThat(service.score("fraud", requests(3)))
                .allSatisfy(s -> assertThat(s.model().ref().version()).isEqualTo(2));
        assertThat(service.failures()).first().satisfies(f -> {
            assertThat(f.ref()).isEqualTo(new ModelRef("fraud", 4));
            assertThat(f.reason()).contains("ONNX Runtime cannot read model.onnx");
        });
    }

    @Test
    void missingVersionIsReportedAndServingContinues() {
        service.deploy(DeploymentSpec.stable("fraud", 1)).join();
        assertThatThrownBy(
                        () -> service.deploy(DeploymentSpec.stable("fraud", 9)).join())
                .hasRootCauseInstanceOf(java.nio.file.NoSuchFileException.class);
        assertThat(service.deployment("fraud").orElseThrow().versions()).containsExactly(1);
    }

    @Test
    void pinnedAndShadowVersionsScoreTheSameBatch() {
        service.deploy(new DeploymentSpec("fraud", RolloutPolicy.stable(1), List.of(3), List.of(2), 7))
                .join();
        Map<String, byte[]> pin = Map.of(Router.VERSION_HEADER, "2".getBytes(StandardCharsets.UTF_8));
        List<ScoringRequest> requests = new ArrayList<>(requests(4));
        requests.set(
                1,
                new ScoringRequest(
                        requests.get(1).key(), pin::get, requests.get(1).fields()));
        Map<String, byte[]> badPin = Map.of(Router.VERSION_HEADER, "8".getBytes(StandardCharsets.UTF_8));
        requests.set(
                2,
                new ScoringRequest(
                        requests.get(2).key(), badPin::get, requests.get(2).fields()));

        List<ScoredRecord> scored = service.score("fraud", requests);

        assertThat(scored.get(0).model().ref().version()).isEqualTo(1);
        assertThat(scored.get(1).model().ref().version()).isEqualTo(2);
        assertThat(scored.get(1).decision().arm()).isEqualTo("pinned");
        assertThat(scored.get(2).outcome())
                .isInstanceOfSatisfying(
                        Outcome.Failed.class, f -> assertThat(f.stage()).isEqualTo(Stage.ROUTING));
        assertThat(scored.get(2).shadows()).isEmpty();
        for (int i : new int[] {0, 1, 3}) {
            assertThat(scored.get(i).shadows()).singleElement().satisfies(s -> {
                assertThat(s.model().ref().version()).isEqualTo(3);
                assertThat(s.outcome()).isInstanceOf(Outcome.Scored.class);
            });
        }
    }

    @Test
    void ensembleScoresEveryMemberAndCombinesTheirProbabilities() {
        service.deploy(new DeploymentSpec(
                        "fraud",
                        RolloutPolicy.ensemble(
                                List.of(new EnsemblePolicy.Member(1, 1), new EnsemblePolicy.Member(2, 3)),
                                EnsemblePolicy.Combiner.WEIGHTED_MEAN),
                        List.of(),
                        List.of(),
                        1))
                .join();
        List<ScoringRequest> requests = requests(8);

        List<ScoredRecord> scored = service.score("fraud", requests);

        for (int i = 0; i < requests.size(); i++) {
            ScoredRecord r = scored.get(i);
            assertThat(r.decision().arm()).isEqualTo("ensemble");
            assertThat(r.members()).extracting(m -> m.model().ref().version()).containsExactly(1, 2);
            double one = r.members().get(0).outcome().result().score();
            double two = r.members().get(1).outcome().result().score();
            assertThat(one).isEqualTo(single(1, requests.get(i)).score());
            ScoreResult combined = ((Outcome.Scored) r.outcome()).result();
            assertThat(combined.score()).isCloseTo((one + 3 * two) / 4, within(1e-12));
            assertThat(combined.label()).isEqualTo(combined.score() >= 0.5 ? "fraud" : "legit");
        }
    }

    @Test
    void cascadeLetsTheFirstStageDecideWhenConfidentAndEscalatesTheRest() {
        List<ScoringRequest> requests = requests(64);
        double[] confidence = new double[requests.size()];
        for (int i = 0; i < requests.size(); i++) {
            confidence[i] = CascadePolicy.Confidence.MAX_PROBABILITY.of(
                    single(1, requests.get(i)).probabilities());
        }
        double threshold = java.util.Arrays.stream(confidence).sorted().toArray()[requests.size() / 2];
        service.deploy(new DeploymentSpec(
                        "fraud",
                        RolloutPolicy.cascade(1, 2, CascadePolicy.Confidence.MAX_PROBABILITY, threshold),
                        List.of(),
                        List.of(),
                        1))
                .join();

        List<ScoredRecord> scored = service.score("fraud", requests);

        for (int i = 0; i < requests.size(); i++) {
            ScoredRecord r = scored.get(i);
            boolean confident = confidence[i] >= threshold;
            int decider = confident ? 1 : 2;
            assertThat(r.decision().arm()).isEqualTo("cascade:" + decider);
            assertThat(r.model().ref().version()).isEqualTo(decider);
            assertThat(((Outcome.Scored) r.outcome()).result().score())
                    .isEqualTo(single(decider, requests.get(i)).score());
            assertThat(r.members())
                    .extracting(ScoredRecord.Member::role)
                    .isEqualTo(confident ? List.of("cascade:1") : List.of("cascade:1", "cascade:2"));
        }
        assertThat(scored).extracting(r -> r.decision().arm()).contains("cascade:1", "cascade:2");
    }

    @Test
    void ensembleOfMembersWithDifferentOutputsIsRefusedAndTheServingDeploymentStays() throws Exception {
        publish(
                repo,
                "fraud",
                4,
                numericManifest(
                        "fraud",
                        4,
                        F,
                        "  - {name: probabilities, kind: probabilities, labels: [legit, fraud], positive: fraud}\n"),
                TestModels.mlp(F, 16, 8, 2, 4));
        service.deploy(DeploymentSpec.stable("fraud", 1)).join();
        DeploymentSpec ensemble = new DeploymentSpec(
                "fraud",
                RolloutPolicy.ensemble(
                        List.of(new EnsemblePolicy.Member(1, 1), new EnsemblePolicy.Member(4, 1)),
                        EnsemblePolicy.Combiner.MEAN),
                List.of(),
                List.of(),
                2);

        assertThatThrownBy(() -> service.deploy(ensemble).join())
                .hasMessageContaining("ensemble members must declare the same kinds of outputs");
        assertThat(service.deployment("fraud").orElseThrow().revision()).isZero();
        assertThat(service.score("fraud", requests(2)))
                .allSatisfy(r -> assertThat(r.decision().arm()).isEqualTo("stable"));
    }

    @Test
    void aPinnedRecordBypassesTheEnsemble() {
        service.deploy(new DeploymentSpec(
                        "fraud",
                        RolloutPolicy.ensemble(
                                List.of(new EnsemblePolicy.Member(1, 1), new EnsemblePolicy.Member(2, 1)),
                                EnsemblePolicy.Combiner.MEAN),
                        List.of(),
                        List.of(3),
                        1))
                .join();
        Map<String, byte[]> pin = Map.of(Router.VERSION_HEADER, "3".getBytes(StandardCharsets.UTF_8));
        ScoringRequest pinned =
                new ScoringRequest(null, pin::get, requests(1).get(0).fields());

        ScoredRecord r = service.score("fraud", List.of(pinned)).get(0);

        assertThat(r.decision().arm()).isEqualTo("pinned");
        assertThat(r.model().ref().version()).isEqualTo(3);
        assertThat(r.members()).isEmpty();
    }

    private ScoreResult single(int version, ScoringRequest request) {
        return ((Outcome.Scored) service.loaded(new dev.inferstream.model.repository.ModelRef("fraud", version))
                        .map(m -> m.score(request.fields()))
                        .orElseGet(() -> {
                            try (ModelService alone = new ModelService(repo, InferenceOptions.defaults())) {
                                alone.deploy(DeploymentSpec.stable("fraud", version))
                                        .join();
                                return alone.score("fraud", List.of(request))
                                        .get(0)
                                        .outcome();
                            }
                        }))
                .result();
    }

    @Test
    void scoringAModelThatIsNotDeployedIsARoutingFailure() {
        assertThat(service.score("unknown", requests(2)))
                .allSatisfy(s -> assertThat(s.outcome())
                        .isInstanceOfSatisfying(
                                Outcome.Failed.class,
                                f -> assertThat(f.reason()).isEqualTo("MODEL_NOT_DEPLOYED")));
    }

    @Test
    void nativeMemoryStaysFlatAcrossAThousandSwaps() throws Exception {
        List<ScoringRequest> batch = requests(16);
        // the allocator's arenas and the JIT settle during the first few hundred swaps
        swapAndScore(0, 300, batch);
        long warm = nativeKilobytes();
        swapAndScore(300, 1_300, batch);
        long after = nativeKilobytes();
        // a leaked session of this model holds over 100 KB of native memory: 1,000 leaks would be over 100 MB
        assertThat(after - warm)
                .as("RSS growth outside the Java heap, in KB, over 1,000 swaps")
                .isLessThan(48 * 1024);
    }

    private void swapAndScore(int from, int to, List<ScoringRequest> batch) {
        for (int swap = from; swap < to; swap++) {
            service.deploy(DeploymentSpec.stable("fraud", 1 + swap % 2)).join();
            assertThat(service.score("fraud", batch))
                    .allSatisfy(s -> assertThat(s.outcome()).isInstanceOf(Outcome.Scored.class));
        }
    }

    /** Resident memory not accounted for by the committed Java heap. */
    private static long nativeKilobytes() throws Exception {
        System.gc();
        Thread.sleep(100);
        return residentKilobytes() - Runtime.getRuntime().totalMemory() / 1024;
    }

    private static long residentKilobytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    private static List<ScoringRequest> requests(int n) {
        List<ScoringRequest> out = new ArrayList<>();
        List<FieldSource> rows = randomRows(n, F, n);
        for (int i = 0; i < n; i++) {
            out.add(new ScoringRequest(("key-" + i).getBytes(StandardCharsets.UTF_8), HeaderView.NONE, rows.get(i)));
        }
        return out;
    }
}
