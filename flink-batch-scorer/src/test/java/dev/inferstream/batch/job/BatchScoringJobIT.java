/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import static dev.inferstream.batch.job.BatchFixture.event;
import static dev.inferstream.batch.job.BatchFixture.events;
import static dev.inferstream.batch.job.BatchFixture.fileJob;
import static dev.inferstream.batch.job.BatchFixture.readAvro;
import static dev.inferstream.batch.job.BatchFixture.runJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.model.features.AvroFieldSource;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.Outcome;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.Stage;
import dev.inferstream.testkit.onnx.MixedFields;
import dev.inferstream.testkit.onnx.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The batch job on an embedded Flink MiniCluster, reading and writing files. */
@Timeout(180)
class BatchScoringJobIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = BatchFixture.miniCluster(2);

    private static final int F = 30;
    private static final Schema EVENT = event(F);

    @TempDir
    Path dir;

    @Test
    void scoresAvroFilesBitIdenticalToTheModelLibrary() throws Exception {
        LocalModelRepository repo = BatchFixture.models(dir.resolve("models"), "fraud", F, true);
        List<GenericRecord> first = events(EVENT, 3000, 1);
        List<GenericRecord> second = events(EVENT, 2000, 2);
        BatchFixture.writeAvro(dir.resolve("in/part-1.avro"), EVENT, first);
        BatchFixture.writeAvro(dir.resolve("in/part-2.avro"), EVENT, second);

        runJob(
                "test",
                fileJob(dir.resolve("in"), dir.resolve("out"), repo, "--batch-size", "64", "--parallelism", "2"),
                s -> s);

        List<Prediction> predictions = readAvro(dir.resolve("out"), Prediction.class);
        assertThat(predictions).hasSize(5000);
        assertThat(readAvro(dir.resolve("out-dead-letters"), DeadLetter.class)).isEmpty();
        LoadedModel reference = LoadedModel.load(repo.fetch(new ModelRef("fraud", 1)), InferenceOptions.defaults());
        for (Prediction p : predictions) {
            List<GenericRecord> file = p.getSource().getName().endsWith("part-1.avro") ? first : second;
            GenericRecord event = file.get((int) p.getSource().getOffset());
            Outcome expected = reference.score(new AvroFieldSource(event));
            assertThat(p.getScore())
                    .isEqualTo(((Outcome.Scored) expected).result().score());
            assertThat(p.getArm()).isEqualTo("stable");
            assertThat(p.getSha256()).isEqualTo(reference.sha256());
            assertThat(p.getSource().getSystem()).isEqualTo("file");
        }
        assertThat(predictions.stream().map(Prediction::getPredictionId).distinct())
                .hasSize(5000);
        reference.retire();
    }

    @Test
    void scoresCsvIntoCsvAndDeadLettersBadRows() throws Exception {
        LocalModelRepository repo = BatchFixture.models(dir.resolve("models"), "fraud", 3, false);
        List<String> lines = new ArrayList<>(List.of("id,f0,f1,f2"));
        for (int i = 0; i < 100; i++) {
            lines.add("r" + i + "," + (i * 0.01) + "," + (-i * 0.02) + ",\"" + (i % 7) + "\"");
        }
        lines.add("bad-text,abc,1,2");
        lines.add("bad-missing,1,,2");
        BatchFixture.writeCsv(dir.resolve("in.csv"), lines);

        runJob("test", fileJob(dir.resolve("in.csv"), dir.resolve("out"), repo, "--output-format", "csv"), s -> s);

        List<String> out = BatchFixture.readLines(dir.resolve("out"));
        assertThat(out.get(0))
                .startsWith("source,row,key,prediction_id,model,version,arm,score,label,probabilities,input_id");
        assertThat(out.stream().filter(l -> !l.startsWith("source,")))
                .hasSize(100)
                .allSatisfy(l -> assertThat(l).contains(",fraud,1,stable,"));
        List<DeadLetter> letters = readAvro(dir.resolve("out-dead-letters"), DeadLetter.class);
        Map<String, DeadLetter> byRow = letters.stream()
                .collect(Collectors.toMap(d -> new String(d.getValue().array()).split(",")[0], d -> d));
        assertThat(byRow.keySet()).containsExactlyInAnyOrder("bad-text", "bad-missing");
        assertThat(byRow.get("bad-text").getStage()).isEqualTo(Stage.FEATURE_MAPPING);
        assertThat(byRow.get("bad-text").getReason()).isEqualTo("WRONG_TYPE");
        assertThat(byRow.get("bad-missing").getReason()).isEqualTo("MISSING_FIELD");
        assertThat(byRow.get("bad-missing").getSource().getOffset()).isEqualTo(101);
    }

    @Test
    void anUnknownCategoryAndAnArrayOfTheWrongLengthAreDeadLetteredAsFeatureMappingWhileTheRestIsScored()
            throws Exception {
        LocalModelRepository repo = new LocalModelRepository(dir.resolve("models"));
        repo.publish(
                new ModelRef("fraud", 1),
                MixedFields.manifest("fraud", 1).getBytes(StandardCharsets.UTF_8),
                TestModels.logisticRegression(MixedFields.WIDTH, 1).onnx());
        List<GenericRecord> rows = List.of(
                MixedFields.event("DE", 0.5, 1.5),
                MixedFields.event("XX", 0.5, 1.5),
                MixedFields.event("FR", 0.5),
                MixedFields.event("FR", -1, 2));
        BatchFixture.writeAvro(dir.resolve("in/mixed.avro"), MixedFields.EVENT, rows);

        runJob("mixed", fileJob(dir.resolve("in"), dir.resolve("out"), repo), s -> s);

        assertThat(readAvro(dir.resolve("out"), Prediction.class))
                .extracting(p -> p.getSource().getOffset())
                .containsExactlyInAnyOrder(0L, 3L);
        Map<Long, DeadLetter> letters = readAvro(dir.resolve("out-dead-letters"), DeadLetter.class).stream()
                .collect(Collectors.toMap(d -> d.getSource().getOffset(), d -> d));
        assertThat(letters.keySet()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(letters.values()).extracting(DeadLetter::getStage).containsOnly(Stage.FEATURE_MAPPING);
        assertThat(letters.get(1L).getReason()).isEqualTo("UNKNOWN_CATEGORY");
        assertThat(letters.get(2L).getReason()).isEqualTo("WRONG_LENGTH");
    }

    @Test
    void everyRowIsScoredExactlyOnceAfterATaskFailure() throws Exception {
        LocalModelRepository repo = BatchFixture.models(dir.resolve("models"), "fraud", 5, false);
        Schema schema = event(5);
        BatchFixture.writeAvro(dir.resolve("in/a.avro"), schema, events(schema, 30_000, 3));

        runJob(
                "test",
                fileJob(
                        dir.resolve("in"),
                        dir.resolve("out"),
                        repo,
                        "--checkpoint-interval-ms",
                        "200",
                        "--parallelism",
                        "1"),
                rows -> rows.map(new FailOnce(12_000)).name("fail once"));

        List<Prediction> predictions = readAvro(dir.resolve("out"), Prediction.class);
        Map<Long, Integer> perRow = new HashMap<>();
        predictions.forEach(p -> perRow.merge(p.getSource().getOffset(), 1, Integer::sum));
        assertThat(perRow).hasSize(30_000);
        assertThat(Set.copyOf(perRow.values())).containsExactly(1);
        assertThat(FailOnce.failures()).isEqualTo(1);
    }

    @Test
    void scoresAMillionRows() throws Exception {
        LocalModelRepository repo = BatchFixture.models(dir.resolve("models"), "fraud", 5, false);
        Schema schema = event(5);
        BatchFixture.writeAvro(dir.resolve("in/a.avro"), schema, events(schema, 500_000, 4));
        BatchFixture.writeAvro(dir.resolve("in/b.avro"), schema, events(schema, 500_000, 5));

        runJob(
                "test",
                fileJob(dir.resolve("in"), dir.resolve("out"), repo, "--batch-size", "1024", "--parallelism", "2"),
                s -> s);

        assertThat(readAvro(dir.resolve("out"), Prediction.class)).hasSize(1_000_000);
    }
}
