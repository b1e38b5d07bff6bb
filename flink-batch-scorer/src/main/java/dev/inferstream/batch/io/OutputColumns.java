/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.io;

import dev.inferstream.model.features.AvroFieldSource;
import dev.inferstream.model.manifest.FieldPath;
import dev.inferstream.schemas.ClassProbability;
import dev.inferstream.schemas.Prediction;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The columns a compact file output writes for each scored row ({@code --output-fields}): prediction fields by
 * name, and input columns carried over ({@code input.<name>}, or a bare name that is no prediction field). Builds the
 * record schema once, then one record (or one line of CSV cells) per row.
 */
public final class OutputColumns implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Prediction fields a compact output can name. */
    public static final Set<String> PREDICTION_FIELDS = Set.of(
            "source",
            "row",
            "key",
            "prediction_id",
            "model",
            "version",
            "sha256",
            "arm",
            "score",
            "label",
            "probabilities",
            "event_time",
            "scored_at",
            "scorer");

    /** What a Parquet output writes without {@code --output-fields}. */
    public static final List<String> PARQUET_DEFAULT =
            List.of("row", "key", "prediction_id", "version", "arm", "score", "label");

    private final List<String> names;
    private final String schemaJson;
    private transient Schema schema;
    private transient FieldPath[] inputs;

    /**
     * @param fields prediction fields and input columns in output order
     * @param inputSchema the input files' record schema (carried columns keep their type), or null (CSV: text)
     */
    public OutputColumns(List<String> fields, Schema inputSchema) {
        this.names = List.copyOf(fields);
        this.schemaJson = schema(names, inputSchema).toString();
    }

    /** The fields as given: prediction fields and input columns, in output order. */
    public List<String> fields() {
        return names;
    }

    /** The input column a field carries over ({@code input.} prefix removed). */
    public static String inputColumn(String field) {
        return inputName(field);
    }

    /** The column names as written (an input column without its {@code input.} prefix). */
    public List<String> header() {
        return names.stream().map(OutputColumns::columnName).toList();
    }

    /** Whether {@code field} names an input column rather than a prediction field. */
    public static boolean isInput(String field) {
        return field.startsWith("input.") || !PREDICTION_FIELDS.contains(field);
    }

    static String inputName(String field) {
        return field.startsWith("input.") ? field.substring("input.".length()) : field;
    }

    private static String columnName(String field) {
        return isInput(field) ? inputName(field) : field;
    }

    public Schema schema() {
        if (schema == null) {
            schema = new Schema.Parser().parse(schemaJson);
        }
        return schema;
    }

    /** One compact record of {@link #schema()}. */
    public GenericRecord record(ScoredRow row) {
        Schema s = schema();
        GenericRecord record = new GenericData.Record(s);
        Prediction p = row.prediction();
        for (int i = 0; i < names.size(); i++) {
            String field = names.get(i);
            record.put(i, isInput(field) ? input(row, i) : prediction(p, field, false));
        }
        return record;
    }

    /** One CSV line's cells: numbers as Java prints them, probabilities as {@code class=p;class=p}, null as empty. */
    public List<String> cells(ScoredRow row) {
        List<String> cells = new ArrayList<>(names.size());
        Prediction p = row.prediction();
        for (int i = 0; i < names.size(); i++) {
            String field = names.get(i);
            Object value = isInput(field) ? input(row, i) : prediction(p, field, true);
            cells.add(value == null ? "" : value.toString());
        }
        return cells;
    }

    private Object input(ScoredRow row, int i) {
        if (inputs == null) {
            inputs = names.stream()
                    .map(n -> isInput(n) ? FieldPath.parse(inputName(n)) : null)
                    .toArray(FieldPath[]::new);
        }
        Object payload = row.input().payload();
        if (payload instanceof InputRow.CsvCells cells) {
            int column = cells.header().indexOf(inputs[i].text());
            String cell = column < 0 || column >= cells.cells().size()
                    ? null
                    : cells.cells().get(column);
            return cell == null || cell.isEmpty() ? null : cell;
        }
        if (payload instanceof GenericRecord record) {
            Object value = new AvroFieldSource(record).value(inputs[i]);
            return value instanceof CharSequence text ? text.toString() : value;
        }
        return null;
    }

    private static Object prediction(Prediction p, String field, boolean text) {
        return switch (field) {
            case "source" -> p.getSource().getName();
            case "row" -> p.getSource().getOffset();
            case "key" -> p.getKey();
            case "prediction_id" -> p.getPredictionId();
            case "model" -> p.getModel();
            case "version" -> p.getVersion();
            case "sha256" -> p.getSha256();
            case "arm" -> p.getArm();
            case "score" -> p.getScore();
            case "label" -> p.getLabel();
            case "probabilities" -> text ? probabilitiesText(p) : probabilities(p);
            case "event_time" -> p.getEventTime().toEpochMilli();
            case "scored_at" -> p.getScoredAt().toEpochMilli();
            case "scorer" -> p.getScorer();
            default -> throw new IllegalArgumentException("no prediction field " + field);
        };
    }

    private static Map<String, Double> probabilities(Prediction p) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (ClassProbability c : p.getProbabilities()) {
            out.put(c.getLabel(), c.getProbability());
        }
        return out;
    }

    /** {@code class=p;class=p}, in the model's class order. */
    static String probabilitiesText(Prediction p) {
        StringBuilder text = new StringBuilder();
        for (ClassProbability c : p.getProbabilities()) {
            if (text.length() > 0) {
                text.append(';');
            }
            text.append(c.getLabel()).append('=').append(c.getProbability());
        }
        return text.toString();
    }

    private static Schema schema(List<String> names, Schema inputSchema) {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("ScoredRow")
                .namespace("dev.inferstream.batch")
                .fields();
        for (String field : names) {
            String column = columnName(field);
            if (isInput(field)) {
                Schema.Field in = inputSchema == null ? null : inputSchema.getField(inputName(field));
                Schema type = in == null ? Schema.create(Schema.Type.STRING) : nonNull(in.schema());
                fields = fields.name(column).type(nullable(type)).withDefault(null);
                continue;
            }
            fields = switch (field) {
                case "row", "event_time", "scored_at" -> fields.requiredLong(column);
                case "version" -> fields.requiredInt(column);
                case "score" -> fields.optionalDouble(column);
                case "key", "label" -> fields.optionalString(column);
                case "probabilities" ->
                    fields.name(column).type().map().values().doubleType().noDefault();
                default -> fields.requiredString(column);
            };
        }
        return fields.endRecord();
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            for (Schema branch : schema.getTypes()) {
                if (branch.getType() != Schema.Type.NULL) {
                    return branch;
                }
            }
        }
        return schema;
    }

    private static Schema nullable(Schema type) {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), type);
    }
}
