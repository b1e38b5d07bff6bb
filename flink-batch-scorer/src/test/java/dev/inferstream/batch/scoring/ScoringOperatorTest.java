/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.batch.io.InputRow;
import dev.inferstream.batch.io.ScoredRow;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Deployment;
import dev.inferstream.testkit.onnx.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoringOperatorTest {
    private static final List<String> HEADER = List.of("id", "f0", "f1", "f2", "ts");

    @TempDir
    Path dir;

    @Test
    void theMiniBatchIsFlushedBeforeTheCheckpointBarrierSoNoCheckpointCoversAnUnscoredRow() throws Exception {
        try (var harness = harness(100, null)) {
            for (int i = 0; i < 5; i++) {
                harness.processElement(new StreamRecord<>(row(i, "0.5")));
            }
            assertThat(scored(harness))
                    .as("a partial batch waits for more rows")
                    .isEmpty();

            harness.prepareSnapshotPreBarrier(1);

            assertThat(scored(harness))
                    .extracting(s -> s.prediction().getSource().getOffset())
                    .containsExactly(0L, 1L, 2L, 3L, 4L);
            harness.snapshot(1, 1);
            harness.getOutput().clear();
            harness.processElement(new StreamRecord<>(row(5, "0.5")));
            harness.endInput();
            assertThat(scored(harness)).as("the end of input flushes the rest").hasSize(1);
        }
    }

    @Test
    void aFileRowGetsItsEventTimeFromTheConfiguredFieldOrItsFilesModificationTime() throws Exception {
        long modified = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
        try (var harness = harness(10, "ts")) {
            harness.processElement(new StreamRecord<>(row(0, "2026-05-01T12:00:00Z", modified)));
            harness.processElement(new StreamRecord<>(row(1, "1777777777000", modified)));
            harness.processElement(new StreamRecord<>(row(2, "yesterday", modified)));
            harness.endInput();
            assertThat(scored(harness))
                    .extracting(s -> s.prediction().getEventTime())
                    .containsExactly(Instant.parse("2026-05-01T12:00:00Z"), Instant.ofEpochMilli(1777777777000L));
            assertThat(harness.getSideOutput(ScoringOperator.DEAD_LETTERS))
                    .singleElement()
                    .satisfies(r -> {
                        DeadLetter letter = r.getValue();
                        assertThat(letter.getReason()).isEqualTo("BAD_EVENT_TIME");
                        assertThat(letter.getErrorMessage())
                                .contains("--event-time-field ts", "'yesterday' is not a time");
                        assertThat(new String(letter.getValue().array(), StandardCharsets.UTF_8))
                                .isEqualTo("r2,0.1,0.2,0.3,yesterday");
                    });
        }
        try (var harness = harness(10, null)) {
            harness.processElement(new StreamRecord<>(row(0, "ignored", modified)));
            harness.endInput();
            assertThat(scored(harness))
                    .singleElement()
                    .satisfies(
                            s -> assertThat(s.prediction().getEventTime()).isEqualTo(Instant.ofEpochMilli(modified)));
        }
    }

    private OneInputStreamOperatorTestHarness<InputRow, ScoredRow> harness(int batchSize, String eventTimeField)
            throws Exception {
        LocalModelRepository repo = new LocalModelRepository(dir.resolve("models"));
        if (repo.versions("fraud").isEmpty()) {
            repo.publish(
                    new ModelRef("fraud", 1),
                    TestModels.manifest("fraud", 1, 3, TestModels.BINARY_OUTPUTS)
                            .getBytes(StandardCharsets.UTF_8),
                    TestModels.logisticRegression(3, 1).onnx());
        }
        LoadedModel model = LoadedModel.load(repo.fetch(new ModelRef("fraud", 1)), InferenceOptions.defaults());
        model.retire();
        Deployment stable = Deployment.newBuilder()
                .setModel("fraud")
                .setStable(1)
                .setChangedAt(Instant.EPOCH)
                .build();
        ScoringSettings settings = new ScoringSettings(
                repo.root().toString(),
                "fraud",
                JobModels.of(stable, Map.of(1, model.sha256())),
                batchSize,
                1,
                Map.of(),
                "test",
                null,
                eventTimeField,
                0);
        var harness = new OneInputStreamOperatorTestHarness<InputRow, ScoredRow>(new ScoringOperator(settings));
        harness.open();
        return harness;
    }

    private static InputRow row(int i, String ts) {
        return row(i, ts, 0L);
    }

    private static InputRow row(int i, String ts, long modified) {
        return new InputRow(
                "file",
                "file:/in/events.csv",
                0,
                i,
                modified,
                null,
                Map.of(),
                new InputRow.CsvCells(HEADER, List.of("r" + i, "0.1", "0.2", "0.3", ts)));
    }

    private static List<ScoredRow> scored(OneInputStreamOperatorTestHarness<InputRow, ScoredRow> harness) {
        return harness.getOutput().stream()
                .filter(StreamRecord.class::isInstance)
                .map(r -> (ScoredRow) ((StreamRecord<?>) r).getValue())
                .toList();
    }
}
