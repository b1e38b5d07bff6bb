/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.explain.internals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inferstream.model.explain.ExplainException;
import dev.inferstream.model.features.AvroFieldSource;
import dev.inferstream.model.features.FeatureException;
import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.manifest.ExplainSpec;
import dev.inferstream.model.manifest.FeatureBaseline;
import dev.inferstream.model.manifest.FieldPath;
import dev.inferstream.model.manifest.FieldSpec;
import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.model.manifest.TensorType;
import dev.inferstream.model.repository.ModelArtifact;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The background rows explanations are measured against, read from the file {@code model.yaml} names (CSV with a
 * header of field paths, or an Avro container file) or made from the baseline's means. Every row is checked with the
 * model's own feature mapping; anything wrong fails the load, listing the problems.
 */
final class Background {
    /** More rows than this is no longer "small": pick a sample when exporting the background. */
    static final int MAX_ROWS = 100_000;

    private static final int MAX_PROBLEMS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Background() {}

    /** All valid rows of the declared background, then {@code backgroundSize} of them picked by the seed. */
    static List<FieldSource> load(
            ExplainSpec spec, ModelManifest manifest, ModelArtifact.Attachments files, Players players)
            throws ExplainException {
        List<FieldSource> rows = spec.backgroundFile().isPresent()
                ? read(spec.backgroundFile().get(), manifest, files)
                : List.of(baselineRow(manifest));
        List<String> problems = new ArrayList<>();
        for (int r = 0; r < rows.size() && problems.size() < MAX_PROBLEMS; r++) {
            try {
                players.check(rows.get(r));
            } catch (FeatureException e) {
                problems.add("row " + (r + 1) + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ExplainException("background " + spec.background() + " has rows the model cannot read: "
                    + String.join("; ", problems));
        }
        return pick(rows, spec.backgroundSize(), spec.seed());
    }

    /** {@code size} rows chosen by {@code seed}, in their original order; all rows when there are no more. */
    static List<FieldSource> pick(List<FieldSource> rows, int size, long seed) {
        if (rows.size() <= size) {
            return List.copyOf(rows);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        return order.subList(0, size).stream().sorted().map(rows::get).toList();
    }

    private static List<FieldSource> read(String name, ModelManifest manifest, ModelArtifact.Attachments files)
            throws ExplainException {
        byte[] bytes;
        try {
            bytes = files.read(name);
        } catch (IOException e) {
            throw new ExplainException(
                    "cannot read the background file " + name + " (explain.background): " + e.getMessage()
                            + "; publish it beside model.yaml",
                    e);
        }
        List<FieldSource> rows = name.endsWith(".avro") ? avro(name, bytes) : csv(name, bytes, manifest);
        if (rows.isEmpty()) {
            throw new ExplainException("the background file " + name + " holds no rows");
        }
        return rows;
    }

    private static List<FieldSource> avro(String name, byte[] bytes) throws ExplainException {
        List<FieldSource> rows = new ArrayList<>();
        try (DataFileStream<GenericRecord> stream =
                new DataFileStream<>(new ByteArrayInputStream(bytes), new GenericDatumReader<>())) {
            while (stream.hasNext()) {
                rows.add(new AvroFieldSource(stream.next()));
                tooMany(name, rows.size());
            }
        } catch (IOException | RuntimeException e) {
            throw new ExplainException("the background file " + name + " is not an Avro container file: " + e, e);
        }
        return rows;
    }

    private static List<FieldSource> csv(String name, byte[] bytes, ModelManifest manifest) throws ExplainException {
        Map<String, FieldSpec> fields = new HashMap<>();
        manifest.inputs()
                .forEach(
                        i -> i.fields().forEach(f -> fields.putIfAbsent(f.path().text(), f)));
        Set<FieldPath> text = new HashSet<>();
        manifest.inputs().stream()
                .filter(i -> i.type() == TensorType.STRING)
                .forEach(i -> i.fields().forEach(f -> text.add(f.path())));
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setTrim(true)
                .get();
        List<FieldSource> rows = new ArrayList<>();
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8);
                CSVParser parser = format.parse(reader)) {
            List<String> missing = fields.keySet().stream()
                    .filter(f -> !parser.getHeaderMap().containsKey(f))
                    .sorted()
                    .toList();
            if (!missing.isEmpty()) {
                throw new ExplainException("the background file " + name + " has no column for " + missing
                        + "; its header must name every field the model reads (extra columns are ignored)");
            }
            for (CSVRecord record : parser) {
                rows.add(csvRow(record, fields, text));
                tooMany(name, rows.size());
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new ExplainException("cannot parse the background file " + name + " as CSV: " + e.getMessage(), e);
        }
        return rows;
    }

    private static FieldSource csvRow(CSVRecord record, Map<String, FieldSpec> fields, Set<FieldPath> text)
            throws ExplainException {
        Map<FieldPath, Object> values = new HashMap<>();
        for (FieldSpec field : fields.values()) {
            String cell =
                    record.isSet(field.path().text()) ? record.get(field.path().text()) : "";
            if (cell.isEmpty()) {
                continue;
            }
            values.put(
                    field.path(),
                    field.length() > 1
                            ? vector(cell, field, record)
                            : text.contains(field.path()) ? cell : typed(cell, field));
        }
        return values::get;
    }

    /** A numeric cell as a number, parsed once here rather than on every use; anything else as text. */
    private static Object typed(String cell, FieldSpec field) {
        if (field.vocabulary().isEmpty()) {
            try {
                return Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                return cell;
            }
        }
        return cell;
    }

    private static List<Object> vector(String cell, FieldSpec field, CSVRecord record) throws ExplainException {
        try {
            JsonNode node = JSON.readTree(cell);
            if (node != null && node.isArray()) {
                List<Object> out = new ArrayList<>();
                node.forEach(e -> out.add(e.isNumber() ? (Object) e.asDouble() : e.asText()));
                return out;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new ExplainException("background row " + record.getRecordNumber() + ": " + field.path() + " holds "
                + field.length() + " values; write them as a JSON array, e.g. \"[0.1, 0.2]\"");
    }

    private static FieldSource baselineRow(ModelManifest manifest) throws ExplainException {
        Map<FieldPath, Object> values = new HashMap<>();
        List<String> missing = new ArrayList<>();
        manifest.inputs()
                .forEach(i -> i.fields().forEach(field -> {
                    FeatureBaseline baseline =
                            manifest.baseline().get(field.path().text());
                    if (baseline != null
                            && !field.vocabulary().isEmpty()
                            && !baseline.categories().isEmpty()) {
                        values.put(field.path(), mostFrequent(baseline.categories()));
                    } else if (baseline != null && baseline.mean() != null) {
                        values.put(
                                field.path(),
                                field.length() == 1
                                        ? baseline.mean()
                                        : Collections.nCopies(field.length(), baseline.mean()));
                    } else if (field.defaultValue() == null) {
                        missing.add(field.path().text());
                    }
                }));
        if (!missing.isEmpty()) {
            throw new ExplainException("explain.background is 'baseline' but the baseline gives no mean (or "
                    + "categories) for " + missing + "; add them to the baseline or declare a background file");
        }
        return values::get;
    }

    private static String mostFrequent(Map<String, Double> shares) {
        return shares.entrySet().stream()
                .max(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .orElseThrow()
                .getKey();
    }

    private static void tooMany(String name, int rows) throws ExplainException {
        if (rows > MAX_ROWS) {
            throw new ExplainException("the background file " + name + " has more than " + MAX_ROWS
                    + " rows; export a sample (backgroundSize rows are used per explanation)");
        }
    }
}
