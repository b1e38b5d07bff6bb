/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.load;

import dev.inferstream.model.repository.LocalModelRepository;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.system.stack.Cluster;
import dev.inferstream.testkit.onnx.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The events the scenarios send (an id, a per-key sequence number, eight features), their keys and their model. */
public final class Events {
    public static final int FEATURES = 8;
    public static final int KEYS = 48;
    public static final String MODEL = "fraud";
    public static final Schema SCHEMA = schema();
    private static final String POISON = "not avro #";

    private Events() {}

    /** The {@code n}th event of the load seeded {@code seed}: key {@code n % KEYS}, features from the seed. */
    public static GenericRecord event(long seed, long n) {
        Random random = new Random(seed * 1_000_003L + n);
        GenericRecord e = new GenericData.Record(SCHEMA);
        e.put("id", "e-" + seed + "-" + n);
        e.put("seq", n / KEYS);
        for (int f = 0; f < FEATURES; f++) {
            e.put("f" + f, random.nextGaussian());
        }
        return e;
    }

    /**
     * A value that is no Avro at all (no magic byte), which the scorer must dead-letter at decoding: the load mixes
     * some in so that a scenario's ledger counts dead letters too.
     */
    public static byte[] poison(long n) {
        return (POISON + n).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code value} is one of the {@link #poison} values. */
    public static boolean isPoison(byte[] value) {
        return value != null && new String(value, StandardCharsets.UTF_8).startsWith(POISON);
    }

    /**
     * The scenarios' usual mix: the events of {@code seed} as Avro, every {@code poisonEvery}th of them an {@link
     * #poison undecodable value} instead (0: none).
     */
    public static SteadyLoad.Mix mix(Cluster cluster, long seed, int poisonEvery) {
        AvroSerializer<GenericRecord> values = new AvroSerializer<>(cluster.registry(), true, false);
        return (topic, n) -> new ProducerRecord<>(
                topic,
                key(n),
                poisonEvery > 0 && n % poisonEvery == poisonEvery - 1
                        ? poison(n)
                        : values.serialize(topic, event(seed, n)));
    }

    public static byte[] key(long n) {
        return ("k-" + (n % KEYS)).getBytes(StandardCharsets.UTF_8);
    }

    /** Publishes version {@code version} of the scenarios' model (an MLP whose weights follow the version). */
    public static void publish(LocalModelRepository repository, int version) throws IOException {
        repository.publish(
                new ModelRef(MODEL, version),
                TestModels.manifest(MODEL, version, FEATURES, TestModels.BINARY_OUTPUTS)
                        .getBytes(StandardCharsets.UTF_8),
                TestModels.mlp(FEATURES, 16, 8, 2, version));
    }

    private static Schema schema() {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("Event")
                .namespace("test.reliability")
                .fields()
                .requiredString("id")
                .requiredLong("seq");
        for (int f = 0; f < FEATURES; f++) {
            fields = fields.requiredDouble("f" + f);
        }
        return fields.endRecord();
    }
}
