/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.envelope;

import static dev.inferstream.model.Fixtures.BINARY_OUTPUTS;
import static dev.inferstream.model.Fixtures.load;
import static dev.inferstream.model.Fixtures.numericManifest;
import static dev.inferstream.model.Fixtures.randomRows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.model.Stage;
import dev.inferstream.model.inference.LoadedModel;
import dev.inferstream.model.inference.Outcome;
import dev.inferstream.model.inference.ScoreResult;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.testkit.onnx.TestModels;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

class EnvelopesTest {

    @Test
    void predictionIdIsDeterministicPerSourceVersionAndArm() {
        Lineage a = Lineage.kafka("tx", 2, 41, "k", 5, 1000);
        Lineage b = Lineage.kafka("tx", 2, 41, "other key", 9, 2000);
        assertThat(Envelopes.predictionId(a, "fraud", 3, "stable"))
                .isEqualTo(Envelopes.predictionId(b, "fraud", 3, "stable"))
                .hasSize(32);
        assertThat(Envelopes.predictionId(a, "fraud", 3, "stable"))
                .isNotEqualTo(Envelopes.predictionId(a, "fraud", 4, "stable"))
                .isNotEqualTo(Envelopes.predictionId(a, "fraud", 3, "shadow:4"))
                .isNotEqualTo(Envelopes.predictionId(Lineage.kafka("tx", 2, 42, "k", 5, 1000), "fraud", 3, "stable"));
    }

    @Test
    void predictionIdIsTheFirstHalfOfTheSha256OfTheRecordIdentityWhateverTheOrderOfCalls() throws Exception {
        List<Lineage> sources = List.of(
                Lineage.kafka("tx", 0, 0, null, null, 0),
                Lineage.kafka("tx", 0, 1, null, null, 0),
                Lineage.kafka("tx", 1, 1, null, null, 0),
                Lineage.kafka("tx.v2", 1, Long.MAX_VALUE, null, null, 0),
                Lineage.kafka("tx", 1, 9_876_543_210L, null, null, 0),
                Lineage.file("/data/événements-ü.csv", 12, null, 0),
                Lineage.file("/data/événements-ü.csv", 13, null, 0));
        for (String arm : List.of("stable", "shadow:4", "stable")) {
            for (int version : new int[] {3, 3, 12}) {
                for (Lineage source : sources) {
                    String identity =
                            source.source().getSystem() + "|" + source.source().getName() + "|"
                                    + source.source().getPartition() + "|"
                                    + source.source().getOffset() + "|fraud|"
                                    + version + "|" + arm;
                    byte[] sha256 =
                            MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
                    assertThat(Envelopes.predictionId(source, "fraud", version, arm))
                            .as(identity)
                            .isEqualTo(HexFormat.of().formatHex(sha256, 0, 16));
                }
            }
        }
    }

    @Test
    void predictionCarriesOutputsAndLineageAndRoundTripsThroughAvro() throws Exception {
        LoadedModel model = load(
                "mlp",
                1,
                numericManifest("mlp", 1, 30, BINARY_OUTPUTS + "  - {name: embedding, kind: tensor}\n"),
                TestModels.mlp(30, 8, 4, 2, 1));
        ScoreResult result = ((Outcome.Scored) model.score(randomRows(1, 30, 1).get(0))).result();
        Lineage lineage = Lineage.kafka("tx", 1, 7, "card-1", 12, 1_700_000_000_000L);

        Prediction p = Envelopes.prediction(
                Envelopes.predictionId(lineage, "mlp", 1, "stable"),
                model,
                "stable",
                result,
                List.of(Envelopes.output(model, "member:0", result, 12)),
                lineage,
                1_700_000_000_123L,
                250,
                "scorer-1");

        assertThat(p.getSha256()).isEqualTo(model.sha256());
        assertThat(p.getScore()).isEqualTo(result.score());
        assertThat(p.getProbabilities()).extracting(c -> c.getLabel()).containsExactly("legit", "fraud");
        assertThat(p.getTensors())
                .singleElement()
                .satisfies(t -> assertThat(t.getValues()).hasSize(4));
        assertThat(p.getSource().getOffset()).isEqualTo(7);
        assertThat(roundTrip(p)).isEqualTo(p);
        model.retire();
    }

    @Test
    void deadLetterKeepsOriginalBytesAndHeadersAndRoundTrips() throws Exception {
        byte[] value = {0, 0, 0, 0, 42, 1, 2};
        DeadLetter d = Envelopes.deadLetter(
                Stage.DECODE,
                "UNKNOWN_SCHEMA_ID",
                new IllegalStateException("no id 42"),
                "k".getBytes(StandardCharsets.UTF_8),
                value,
                Map.of("trace", "t-1".getBytes(StandardCharsets.UTF_8)),
                Lineage.kafka("tx", 0, 3, "k", null, 5),
                null,
                null,
                6,
                "scorer-1");

        DeadLetter back = roundTrip(d);

        assertThat(back).isEqualTo(d);
        assertThat(back.getStage()).isEqualTo(dev.inferstream.schemas.Stage.DECODE);
        assertThat(back.getValue().array()).isEqualTo(value);
        assertThat(back.getHeaders())
                .singleElement()
                .satisfies(h -> assertThat(h.getKey()).isEqualTo("trace"));
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecordBase> T roundTrip(T record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<T>(record.getSchema()).write(record, encoder);
        encoder.flush();
        SpecificDatumReader<T> reader = new SpecificDatumReader<>((Class<T>) record.getClass());
        return reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }
}
