/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.batch.io.InputRow;
import dev.inferstream.control.ControlPlane;
import dev.inferstream.control.ControlTopics;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.schemas.Canary;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.testkit.onnx.TestModels;
import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same row gets the same decision in every run of a job: keyless rows split by their lineage, one set of
 * versions per job, whatever fails or is published meanwhile. Regression tests for #12 §4.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(240)
class DeterministicRoutingIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = BatchFixture.miniCluster(2);

    private static final int F = 5;
    private static final int ROWS_PER_FILE = 6_000;

    @TempDir
    Path dir;

    @Test
    void aKeylessFileScoredTwiceUnderAFiftyPercentCanaryGetsIdenticalDecisionsEvenAfterAFailure(TestStack stack)
            throws Exception {
        LocalModelRepository repo = BatchFixture.models(dir.resolve("models"), "fraud", F, false);
        publish(repo, 2);
        String control = stack.newTopic("deployments", 1);
        new ControlPlane(
                        stack.producerProperties(),
                        new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl())),
                        ControlTopics.forDeployments(control))
                .publish(Deployment.newBuilder()
                        .setModel("fraud")
                        .setStable(1)
                        .setCanary(new Canary(2, 5_000, null))
                        .setRevision(1)
                        .setChangedBy("test")
                        .setChangedAt(Instant.now())
                        .setReason("half and half")
                        .build());
        writeCsv(dir.resolve("in/a.csv"), 1);
        writeCsv(dir.resolve("in/b.csv"), 2);
        List<String> args = List.of(
                "--input",
                dir.resolve("in").toString(),
                "--input-format",
                "csv",
                "--model-repository",
                repo.root().toString(),
                "--model",
                "fraud",
                "--deployment-topic",
                control,
                "--bootstrap-servers",
                stack.bootstrapServers(),
                "--schema-registry-url",
                stack.registryUrl(),
                "--dead-letters",
                dir.resolve("dlq").toString(),
                "--parallelism",
                "2",
                "--checkpoint-interval-ms",
                "200");

        Map<String, String> first = decisions(run(args, "first"));
        Map<String, String> again = decisions(run(args, "again"));
        Map<String, String> afterFailure = decisions(
                run(args, "failed", rows -> rows.map(new FailOnce(4_000)).name("fail once")));

        assertThat(FailOnce.failures()).isEqualTo(1);
        assertThat(first).hasSize(2 * ROWS_PER_FILE);
        assertThat(again).isEqualTo(first);
        assertThat(afterFailure).isEqualTo(first);
        long canary =
                first.values().stream().filter(d -> d.startsWith("canary")).count();
        // 50 % of 12,000 rows: 6,000 expected, standard deviation about 55; allow 4 sigma
        assertThat(canary).isBetween(5_780L, 6_220L);
    }

    @Test
    void aJobScoresWithTheLatestVersionAsItWasAtTheStartEvenAfterANewOneIsPublishedAndATaskRestarts() throws Exception {
        LocalModelRepository repo = BatchFixture.models(dir.resolve("models"), "fraud", F, false);
        String root = repo.root().toString();
        writeCsv(dir.resolve("in/a.csv"), 3);
        List<String> args = List.of(
                "--input", dir.resolve("in").toString(),
                "--input-format", "csv",
                "--model-repository", root,
                "--model", "fraud",
                "--version", "latest",
                "--parallelism", "1",
                "--checkpoint-interval-ms", "200");

        Path out = run(args, "latest");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        BatchScoringJob.build(
                env,
                options(args, dir.resolve("during")),
                rows -> rows.map(new FailOnce(3_000, () -> publish(new LocalModelRepository(Path.of(root)), 2)))
                        .name("publish v2, then fail"));
        env.execute("latest, v2 published mid-job");

        assertThat(FailOnce.failures()).isEqualTo(1);
        assertThat(repo.versions("fraud")).containsExactly(1, 2);
        String v1 = sha256(repo, 1);
        List<Prediction> during = BatchFixture.readAvro(dir.resolve("during"), Prediction.class);
        assertThat(during).hasSize(ROWS_PER_FILE).allSatisfy(p -> {
            assertThat(p.getVersion()).isEqualTo(1);
            assertThat(p.getSha256()).isEqualTo(v1);
        });
        assertThat(BatchFixture.readAvro(out, Prediction.class)).hasSize(ROWS_PER_FILE);
    }

    private Path run(List<String> args, String name) throws Exception {
        return run(args, name, UnaryOperator.identity());
    }

    private Path run(List<String> args, String name, UnaryOperator<DataStream<InputRow>> hook) throws Exception {
        Path out = dir.resolve(name);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        BatchScoringJob.build(env, options(args, out), hook);
        env.execute(name);
        return out;
    }

    private static Map<String, String> decisions(Path out) throws Exception {
        Map<String, String> decisions = new TreeMap<>();
        for (Prediction p : BatchFixture.readAvro(out, Prediction.class)) {
            String row = p.getSource().getName() + "#" + p.getSource().getOffset();
            String previous = decisions.put(
                    row, p.getArm() + " v" + p.getVersion() + " " + p.getSha256() + " " + p.getPredictionId());
            assertThat(previous).as("row %s scored twice", row).isNull();
        }
        return decisions;
    }

    private static JobOptions options(List<String> args, Path out) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--output", out.toString()));
        return JobOptions.parse(all.toArray(String[]::new));
    }

    private static void writeCsv(Path file, long seed) throws Exception {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(List.of("id,f0,f1,f2,f3,f4"));
        for (int i = 0; i < ROWS_PER_FILE; i++) {
            StringBuilder line = new StringBuilder("r" + i);
            for (int f = 0; f < F; f++) {
                line.append(',').append(random.nextGaussian());
            }
            lines.add(line.toString());
        }
        BatchFixture.writeCsv(file, lines);
    }

    private static void publish(LocalModelRepository repo, int version) throws Exception {
        repo.publish(
                new ModelRef("fraud", version),
                BatchFixture.manifest("fraud", version, F).getBytes(StandardCharsets.UTF_8),
                TestModels.logisticRegression(F, version).onnx());
    }

    private static String sha256(LocalModelRepository repo, int version) throws Exception {
        LoadedModel model = LoadedModel.load(repo.fetch(new ModelRef("fraud", version)), InferenceOptions.defaults());
        model.retire();
        return model.sha256();
    }
}
