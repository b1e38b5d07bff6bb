/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.load;

import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.serde.AvroSerializer;
import dev.inferstream.system.check.Ledger;
import dev.inferstream.system.stack.Cluster;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The bad-input matrix mixed into a steady load of {@link Events}: every {@code every}th record is bad, the kinds in
 * turn, each keyed {@code bad-<KIND>-<n>} so that its dead letter can be checked for the stage and reason it must
 * carry.
 */
public final class BadInputs {
    /** A kind of bad record and the dead letter it must become. */
    public enum Kind {
        GARBAGE("DECODE", "BAD_MAGIC_BYTE"),
        WRONG_MAGIC_BYTE("DECODE", "BAD_MAGIC_BYTE"),
        SHORT_HEADER("DECODE", "TRUNCATED"),
        UNKNOWN_SCHEMA_ID("DECODE", "UNKNOWN_SCHEMA_ID"),
        TRUNCATED_AVRO("DECODE", "MALFORMED_AVRO"),
        TOMBSTONE("DECODE", "NULL_PAYLOAD"),
        MISSING_FIELD("FEATURE_MAPPING", "MISSING_FIELD"),
        NULL_IN_NON_NULL_FEATURE("FEATURE_MAPPING", "MISSING_FIELD"),
        WRONG_TYPE("FEATURE_MAPPING", "WRONG_TYPE"),
        NAN("FEATURE_MAPPING", "NON_FINITE"),
        POSITIVE_INFINITY("FEATURE_MAPPING", "NON_FINITE"),
        NEGATIVE_INFINITY("FEATURE_MAPPING", "NON_FINITE"),
        BAD_VERSION_HEADER("ROUTING", "BAD_VERSION_HEADER"),
        PIN_TO_UNSERVED_VERSION("ROUTING", "VERSION_NOT_SERVED");

        public final String stage;
        public final String reason;

        Kind(String stage, String reason) {
            this.stage = stage;
            this.reason = reason;
        }
    }

    private static final String PREFIX = "bad-";
    private static final Schema LACKS_F3 = variant("LacksF3", null);
    private static final Schema NULLABLE_F3 = variant(
            "NullableF3", SchemaBuilder.unionOf().nullType().and().doubleType().endUnion());
    private static final Schema TEXT_F3 =
            variant("TextF3", SchemaBuilder.builder().stringType());

    private BadInputs() {}

    /** Events of {@code seed}, every {@code every}th record a bad one of the next kind. */
    public static SteadyLoad.Mix mix(Cluster cluster, long seed, int every) {
        AvroSerializer<GenericRecord> values = new AvroSerializer<>(cluster.registry(), true, false);
        SteadyLoad.Mix events = Events.mix(cluster, seed, 0);
        return (topic, n) -> {
            if (n % every != every - 1) {
                return events.record(topic, n);
            }
            Kind kind = Kind.values()[(int) ((n / every) % Kind.values().length)];
            byte[] key = (PREFIX + kind + "-" + n).getBytes(StandardCharsets.UTF_8);
            GenericRecord event = Events.event(seed, n);
            // other writer schemas go under subjects of their own, as other producers' would
            String other = topic + "-" + kind.name().toLowerCase(Locale.ROOT);
            byte[] valid = values.serialize(topic, event);
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                    topic,
                    key,
                    switch (kind) {
                        case GARBAGE -> ("{\"not\": \"avro\", \"n\": " + n + "}").getBytes(StandardCharsets.UTF_8);
                        case WRONG_MAGIC_BYTE -> withFirstByte(valid, (byte) 1);
                        case SHORT_HEADER -> new byte[] {0, 0, 0};
                        case UNKNOWN_SCHEMA_ID -> new byte[] {0, 0x7f, 0x7f, 0x7f, 0x7f, 2, 4};
                        case TRUNCATED_AVRO -> Arrays.copyOf(valid, valid.length / 2);
                        case TOMBSTONE -> null;
                        case MISSING_FIELD -> values.serialize(other, copy(event, LACKS_F3, null));
                        case NULL_IN_NON_NULL_FEATURE -> values.serialize(other, copy(event, NULLABLE_F3, null));
                        case WRONG_TYPE -> values.serialize(other, copy(event, TEXT_F3, "a lot"));
                        case NAN -> values.serialize(topic, with(event, Double.NaN));
                        case POSITIVE_INFINITY -> values.serialize(topic, with(event, Double.POSITIVE_INFINITY));
                        case NEGATIVE_INFINITY -> values.serialize(topic, with(event, Double.NEGATIVE_INFINITY));
                        case BAD_VERSION_HEADER, PIN_TO_UNSERVED_VERSION -> valid;
                    });
            if (kind == Kind.BAD_VERSION_HEADER) {
                record.headers().add("ml.model.version", "v2".getBytes(StandardCharsets.UTF_8));
            } else if (kind == Kind.PIN_TO_UNSERVED_VERSION) {
                record.headers().add("ml.model.version", "7".getBytes(StandardCharsets.UTF_8));
            }
            return record;
        };
    }

    /** Whether {@code input} is one of the bad records. */
    public static boolean isBad(Ledger.Input input) {
        return input.key() != null && new String(input.key(), StandardCharsets.UTF_8).startsWith(PREFIX);
    }

    /** How many dead letters of each kind {@code ledger} holds. */
    public static Map<Kind, Integer> deadLettersByKind(Ledger ledger) {
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        for (Ledger.Output<DeadLetter> d : ledger.deadLetters()) {
            Kind kind = kindOf(ledger, d.value());
            if (kind != null) {
                counts.merge(kind, 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The dead letters of bad records whose stage or reason is not the one their kind must carry, described. */
    public static List<String> wrongReasons(Ledger ledger) {
        List<String> wrong = new ArrayList<>();
        for (Ledger.Output<DeadLetter> d : ledger.deadLetters()) {
            Kind kind = kindOf(ledger, d.value());
            DeadLetter letter = d.value();
            if (kind != null
                    && (!kind.stage.equals(letter.getStage().name()) || !kind.reason.equals(letter.getReason()))) {
                wrong.add(kind + " at " + letter.getSource().getPartition() + "@"
                        + letter.getSource().getOffset()
                        + ": expected " + kind.stage + "/" + kind.reason + ", got " + letter.getStage() + "/"
                        + letter.getReason() + " (" + letter.getErrorMessage() + ")");
            }
        }
        return wrong;
    }

    private static Kind kindOf(Ledger ledger, DeadLetter letter) {
        Ledger.Input input = ledger.inputs()
                .get(new Ledger.Position(
                        letter.getSource().getPartition(), letter.getSource().getOffset()));
        if (input == null || !isBad(input)) {
            return null;
        }
        String key = new String(input.key(), StandardCharsets.UTF_8).substring(PREFIX.length());
        return Kind.valueOf(key.substring(0, key.lastIndexOf('-')));
    }

    private static byte[] withFirstByte(byte[] payload, byte first) {
        byte[] copy = payload.clone();
        copy[0] = first;
        return copy;
    }

    private static GenericRecord with(GenericRecord event, double f3) {
        GenericRecord copy = new GenericData.Record(event.getSchema());
        event.getSchema().getFields().forEach(f -> copy.put(f.name(), event.get(f.name())));
        copy.put("f3", f3);
        return copy;
    }

    /** {@code event} in {@code schema}, its {@code f3} replaced by {@code f3} (or left out, if the schema has none). */
    private static GenericRecord copy(GenericRecord event, Schema schema, Object f3) {
        GenericRecord copy = new GenericData.Record(schema);
        schema.getFields().forEach(f -> copy.put(f.name(), f.name().equals("f3") ? f3 : event.get(f.name())));
        return copy;
    }

    /** The events' schema with {@code f3} of type {@code f3}, or without {@code f3} when that is null. */
    private static Schema variant(String name, Schema f3) {
        SchemaBuilder.FieldAssembler<Schema> fields =
                SchemaBuilder.record(name).namespace("test.reliability").fields();
        for (Schema.Field f : Events.SCHEMA.getFields()) {
            if (!f.name().equals("f3")) {
                fields = fields.name(f.name()).type(f.schema()).noDefault();
            } else if (f3 != null) {
                fields = fields.name("f3").type(f3).noDefault();
            }
        }
        return fields.endRecord();
    }
}
