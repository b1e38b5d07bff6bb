/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.testing;

import dev.inferstream.model.explain.Explanation;
import dev.inferstream.model.features.AvroFieldSource;
import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.inference.Outcome;
import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.model.manifest.OutputSpec;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Scores uploaded test files (CSV with a header row, or an Avro container file) with one or two versions, through
 * the model library in mini-batches, in the background; one file at a time per console, streamed, so memory stays
 * bounded whatever the file's size. Writes the scored file next to the upload.
 */
public final class Uploads implements AutoCloseable {
    static final int BATCH = 512;
    static final int KEPT_JOBS = 20;

    private final ModelBench bench;
    private final Path dir;
    private final Map<String, UploadJob> jobs = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "console-upload-scoring");
        t.setDaemon(true);
        return t;
    });

    public Uploads(ModelBench bench, Path dir) {
        this.bench = bench;
        this.dir = dir;
    }

    /** The folder uploads are saved into before {@link #score} (the caller moves the upload there). */
    public Path newFile(String name) throws IOException {
        Files.createDirectories(dir);
        return dir.resolve(UUID.randomUUID() + "-" + name.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /**
     * Starts scoring {@code file} with {@code versions} (one or two) of {@code model}.
     *
     * @param labelColumn the column holding the true class, or null
     * @throws IllegalArgumentException when a version does not load or the choice is invalid
     */
    public UploadJob score(Path file, String fileName, String model, List<Integer> versions, String labelColumn) {
        if (versions.isEmpty() || versions.size() > 2) {
            throw new IllegalArgumentException("choose one or two versions to score the file with");
        }
        List<ModelManifest> manifests = new ArrayList<>();
        List<String> positives = new ArrayList<>();
        for (int v : versions) {
            ModelManifest manifest = bench.model(model, v).manifest();
            manifests.add(manifest);
            positives.add(positive(manifest));
        }
        String id = UUID.randomUUID().toString().substring(0, 8);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        UploadJob job = new UploadJob(
                id,
                model,
                versions,
                fileName,
                labelColumn == null || labelColumn.isBlank() ? null : labelColumn.trim(),
                size,
                file.resolveSibling(id + "-scored.csv"),
                positives);
        jobs.put(id, job);
        if (jobs.size() > KEPT_JOBS) {
            jobs.values().stream().filter(j -> !j.running()).findFirst().ifPresent(j -> jobs.remove(j.id()));
        }
        worker.submit(() -> run(job, file, manifests));
        return job;
    }

    /**
     * Up to {@code max} rows of a scored CSV upload, limited to {@code fields}, to replay in a load test.
     *
     * @throws IllegalArgumentException when the upload is unknown, still being scored, or not a CSV file
     */
    public List<Map<String, String>> rows(String id, Set<String> fields, int max) {
        UploadJob job = job(id).orElseThrow(() -> new IllegalArgumentException(
                "no upload " + id + ": the console keeps the last " + KEPT_JOBS + " uploads, upload the file again"));
        if (!job.state().equals("done")) {
            throw new IllegalArgumentException(
                    job.fileName() + " is " + job.state() + ": replay an upload once it is scored");
        }
        if (!job.fileName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            throw new IllegalArgumentException("only CSV uploads can be replayed, " + job.fileName() + " is not one");
        }
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        List<Map<String, String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(job.scoredFile(), StandardCharsets.UTF_8, format)) {
            for (CSVRecord record : parser) {
                if (rows.size() == max) {
                    break;
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (String field : fields) {
                    if (record.isSet(field)) {
                        row.put(field, record.get(field));
                    }
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** The finished CSV uploads of {@code model}: what a load test can replay. */
    public List<UploadJob> replayable(String model) {
        List<UploadJob> done = new ArrayList<>();
        for (UploadJob job : jobs.values()) {
            if (job.model().equals(model)
                    && job.state().equals("done")
                    && job.fileName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                done.add(job);
            }
        }
        return done;
    }

    public Optional<UploadJob> job(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    private void run(UploadJob job, Path file, List<ModelManifest> manifests) {
        try (CountingInput in = new CountingInput(Files.newInputStream(file), job)) {
            if (job.fileName().toLowerCase(Locale.ROOT).endsWith(".avro")) {
                avro(job, in);
            } else {
                csv(job, in, manifests);
            }
            job.done();
        } catch (Exception e) {
            job.failed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private void csv(UploadJob job, InputStream in, List<ModelManifest> manifests) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        try (CSVParser parser = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), format);
                BufferedWriter out = Files.newBufferedWriter(job.scoredFile());
                CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            List<String> header = parser.getHeaderNames();
            if (job.labelColumn() != null && !header.contains(job.labelColumn())) {
                throw new IllegalArgumentException("the file has no column '" + job.labelColumn() + "'; its columns: "
                        + String.join(", ", header));
            }
            List<String> outHeader = new ArrayList<>(header);
            job.versions().forEach(v -> outHeader.addAll(List.of("score_v" + v, "label_v" + v)));
            printer.printRecord(outHeader);
            List<List<String>> cells = new ArrayList<>(BATCH);
            List<FieldSource> rows = new ArrayList<>(BATCH);
            List<String> actual = new ArrayList<>(BATCH);
            long row = 0;
            for (CSVRecord record : parser) {
                Map<String, String> values = new HashMap<>();
                for (String column : header) {
                    values.put(column, record.isSet(column) ? record.get(column) : null);
                }
                cells.add(record.toList());
                rows.add(TextRecord.of(manifests.get(0), values));
                actual.add(job.labelColumn() == null ? null : values.get(job.labelColumn()));
                if (rows.size() == BATCH) {
                    row = flush(job, row, rows, actual, cells, printer);
                }
            }
            flush(job, row, rows, actual, cells, printer);
        }
    }

    private void avro(UploadJob job, InputStream in) throws IOException {
        try (DataFileStream<GenericRecord> records = new DataFileStream<>(in, new GenericDatumReader<>());
                BufferedWriter out = Files.newBufferedWriter(job.scoredFile());
                CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            List<String> outHeader = new ArrayList<>(List.of("row"));
            job.versions().forEach(v -> outHeader.addAll(List.of("score_v" + v, "label_v" + v)));
            printer.printRecord(outHeader);
            List<FieldSource> rows = new ArrayList<>(BATCH);
            List<String> actual = new ArrayList<>(BATCH);
            List<List<String>> cells = new ArrayList<>(BATCH);
            long row = 0;
            for (GenericRecord record : records) {
                rows.add(new AvroFieldSource(record));
                Object label = job.labelColumn() == null ? null : record.get(job.labelColumn());
                actual.add(label == null ? null : label.toString());
                cells.add(List.of(Long.toString(row + rows.size() - 1)));
                if (rows.size() == BATCH) {
                    row = flush(job, row, rows, actual, cells, printer);
                }
            }
            flush(job, row, rows, actual, cells, printer);
        }
    }

    private long flush(
            UploadJob job,
            long firstRow,
            List<FieldSource> rows,
            List<String> actual,
            List<List<String>> cells,
            CSVPrinter printer)
            throws IOException {
        if (rows.isEmpty()) {
            return firstRow;
        }
        List<List<Outcome>> outcomes = new ArrayList<>();
        for (int k = 0; k < job.versions().size(); k++) {
            int v = job.versions().get(k);
            outcomes.add(bench.score(job.model(), v, rows));
            explain(job, k, rows);
        }
        for (int i = 0; i < rows.size(); i++) {
            List<Double> scores = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            List<String> line = new ArrayList<>(cells.get(i));
            for (int k = 0; k < outcomes.size(); k++) {
                Outcome outcome = outcomes.get(k).get(i);
                if (outcome instanceof Outcome.Scored s) {
                    scores.add(s.result().score());
                    labels.add(s.result().label());
                    job.tally(k).scored(s.result().score(), s.result().label(), actual.get(i));
                } else if (outcome instanceof Outcome.Failed f) {
                    scores.add(null);
                    labels.add(null);
                    job.tally(k).failed(f.reason() + ": " + f.error().getMessage());
                }
                line.add(scores.get(k) == null ? "" : scores.get(k).toString());
                line.add(labels.get(k) == null ? "" : labels.get(k));
            }
            printer.printRecord(line);
            job.row(firstRow + i, actual.get(i), scores, labels);
        }
        long next = firstRow + rows.size();
        rows.clear();
        actual.clear();
        cells.clear();
        return next;
    }

    /** Explains the rows the version's importance sample still needs; nothing for a version without explain:. */
    private void explain(UploadJob job, int k, List<FieldSource> rows) {
        Importance importance = job.importance(k);
        int version = job.versions().get(k);
        for (FieldSource row : rows) {
            if (!importance.wantsMore()) {
                return;
            }
            try {
                Optional<Explanation> e = bench.explain(job.model(), version, row);
                if (e.isEmpty()) {
                    return;
                }
                importance.add(e.get());
            } catch (IllegalArgumentException unexplainable) {
                importance.failed();
            }
        }
    }

    /** The positive class of a binary classifier (for the ROC curve), or null. */
    static String positive(ModelManifest manifest) {
        for (OutputSpec o : manifest.outputs()) {
            if (o.positive() != null && !o.positive().isBlank()) {
                return o.positive();
            }
            if (o.labels().size() == 2) {
                return o.labels().get(1);
            }
        }
        return null;
    }

    /** Counts the bytes read, for the progress bar. */
    private static final class CountingInput extends FilterInputStream {
        private final UploadJob job;
        private long count;

        CountingInput(InputStream in, UploadJob job) {
            super(new BufferedInputStream(in, 1 << 16));
            this.job = job;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                job.progress(++count);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
                job.progress(count);
            }
            return n;
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
