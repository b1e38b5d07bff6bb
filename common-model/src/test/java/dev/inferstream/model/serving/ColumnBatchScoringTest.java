/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.serving;

import static dev.inferstream.model.Fixtures.BINARY_OUTPUTS;
import static dev.inferstream.model.Fixtures.numericManifest;
import static dev.inferstream.model.Fixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.model.envelope.Lineage;
import dev.inferstream.model.features.ColumnBatch;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.inference.Outcome;
import dev.inferstream.model.manifest.FieldPath;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.routing.HeaderView;
import dev.inferstream.model.routing.RolloutPolicy;
import dev.inferstream.testkit.onnx.TestModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch given as columns is routed and scored exactly as its records one by one: the same versions and arms, bit-
 * identical scores, and the same failures for the same bad records.
 */
class ColumnBatchScoringTest {
    private static final int F = 6;
    private static final int ROWS = 500;

    @TempDir
    Path dir;

    private ModelService service;

    @BeforeEach
    void setUp() throws Exception {
        LocalModelRepository repo = new LocalModelRepository(dir);
        String v1 = numericManifest("fraud", 1, F, BINARY_OUTPUTS).replace("f5]", "{name: f5, default: 0.5}]");
        publish(repo, "fraud", 1, v1, TestModels.logisticRegression(F, 3).onnx());
        String v2 = numericManifest("fraud", 2, F, BINARY_OUTPUTS).replace("f5]", "{name: f5, default: 0.5}]");
        publish(repo, "fraud", 2, v2, TestModels.mlp(F, 16, 8, 2, 2));
        service = new ModelService(repo, InferenceOptions.defaults());
    }

    @AfterEach
    void tearDown() {
        service.close();
    }

    @Test
    void aColumnBatchUnderACanaryGetsTheArmsScoresAndFailuresOfItsRecordsScoredOneByOne() {
        service.deploy(new DeploymentSpec("fraud", RolloutPolicy.canary(1, 2, 3_000), List.of(), List.of(), 1))
                .join();
        ColumnBatch batch = batch(new Random(5));
        IntFunction<byte[]> identity =
                i -> Lineage.file("/data/events.parquet", 1000 + i, null, 0).identity();

        List<ScoredRecord> columns = service.score("fraud", batch, identity);
        List<ScoringRequest> requests = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            int row = i;
            requests.add(new ScoringRequest(null, HeaderView.NONE, batch.row(i), () -> identity.apply(row)));
        }
        List<ScoredRecord> records = new ArrayList<>();
        for (ScoringRequest request : requests) {
            records.add(service.score("fraud", List.of(request)).get(0));
        }

        assertThat(columns).hasSize(ROWS);
        int failed = 0;
        for (int i = 0; i < ROWS; i++) {
            ScoredRecord c = columns.get(i);
            ScoredRecord r = records.get(i);
            assertThat(c.decision()).as("row %d", i).isEqualTo(r.decision());
            assertThat(c.model()).isSameAs(r.model());
            if (r.outcome() instanceof Outcome.Failed f) {
                assertThat(c.outcome()).isInstanceOfSatisfying(Outcome.Failed.class, cf -> {
                    assertThat(cf.stage()).isEqualTo(f.stage());
                    assertThat(cf.reason()).isEqualTo(f.reason());
                    assertThat(cf.error().getMessage()).isEqualTo(f.error().getMessage());
                });
                failed++;
                continue;
            }
            var expected = ((Outcome.Scored) r.outcome()).result();
            var actual = ((Outcome.Scored) c.outcome()).result();
            assertThat(actual.score()).as("row %d", i).isEqualTo(expected.score());
            assertThat(actual.probabilities()).containsExactly(expected.probabilities());
            assertThat(actual.label()).isEqualTo(expected.label());
        }
        assertThat(failed)
                .as("rows with a null f0 or a NaN, refused on both paths")
                .isEqualTo(2);
        assertThat(columns.stream().map(s -> s.decision().arm()).distinct()).contains("stable", "canary");
    }

    @Test
    void aBatchWithoutBadRowsIsEncodedStraightFromItsColumns() {
        service.deploy(DeploymentSpec.stable("fraud", 1)).join();
        ColumnBatch batch = batch(new Random(6));
        batch.column(FieldPath.parse("f0")).nulls()[17] = false;
        batch.column(FieldPath.parse("f1")).numbers()[42] = 0.25;

        var model = service.loaded(new ModelRef("fraud", 1)).orElseThrow();
        int[] all = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            all[i] = i;
        }
        List<Outcome> columns = model.score(batch, all, ROWS);
        List<Outcome> records = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            records.add(model.score(batch.row(i)));
        }

        assertThat(model.columnar()).isTrue();
        for (int i = 0; i < ROWS; i++) {
            var expected = ((Outcome.Scored) records.get(i)).result();
            var actual = ((Outcome.Scored) columns.get(i)).result();
            assertThat(actual.score()).as("row %d", i).isEqualTo(expected.score());
            assertThat(actual.probabilities()).containsExactly(expected.probabilities());
        }
    }

    /** f0 double (one null), f1 float (one NaN), f2 long, f3 int, f4 boolean, f5 double with nulls (a default). */
    private static ColumnBatch batch(Random random) {
        ColumnBatch batch = new ColumnBatch(ROWS);
        ColumnBatch.Column f0 = batch.column(FieldPath.parse("f0"), ColumnBatch.Kind.DOUBLE);
        ColumnBatch.Column f1 = batch.column(FieldPath.parse("f1"), ColumnBatch.Kind.FLOAT);
        ColumnBatch.Column f2 = batch.column(FieldPath.parse("f2"), ColumnBatch.Kind.LONG);
        ColumnBatch.Column f3 = batch.column(FieldPath.parse("f3"), ColumnBatch.Kind.INT);
        ColumnBatch.Column f4 = batch.column(FieldPath.parse("f4"), ColumnBatch.Kind.BOOLEAN);
        ColumnBatch.Column f5 = batch.column(FieldPath.parse("f5"), ColumnBatch.Kind.DOUBLE);
        for (int i = 0; i < ROWS; i++) {
            f0.numbers()[i] = random.nextGaussian();
            f1.numbers()[i] = (float) random.nextGaussian();
            f2.longs()[i] = random.nextInt(100) - 50;
            f3.longs()[i] = random.nextInt(7);
            f4.longs()[i] = random.nextBoolean() ? 1 : 0;
            f5.numbers()[i] = random.nextGaussian();
            f5.nulls()[i] = i % 7 == 0;
        }
        f0.nulls()[17] = true;
        f1.numbers()[42] = Float.NaN;
        batch.size(ROWS);
        return batch;
    }
}
