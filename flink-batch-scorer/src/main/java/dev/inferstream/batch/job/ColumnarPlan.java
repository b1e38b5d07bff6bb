/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import dev.inferstream.batch.io.OutputColumns;
import dev.inferstream.batch.job.JobOptions.FileInput;
import dev.inferstream.batch.job.JobOptions.FileOutput;
import dev.inferstream.batch.scoring.FlinkModelRepository;
import dev.inferstream.batch.scoring.JobModels;
import dev.inferstream.batch.source.ColumnFileSource;
import dev.inferstream.model.features.ColumnBatch;
import dev.inferstream.model.features.FeatureEncoder;
import dev.inferstream.model.manifest.FieldSpec;
import dev.inferstream.model.manifest.InputSpec;
import dev.inferstream.model.manifest.ManifestException;
import dev.inferstream.model.manifest.ManifestParser;
import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.model.repository.ModelArtifact;
import dev.inferstream.model.repository.ModelRef;
import dev.inferstream.model.repository.ModelRepository;
import dev.inferstream.model.routing.CascadePolicy;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.routing.EnsemblePolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Whether a job scores column-wise (the columnar path) and which input columns it reads: Parquet input to a compact
 * Parquet output, every served version's inputs numeric scalars of flat numeric columns, a plain or split rollout
 * (no shadows, ensemble or cascade), and nothing that needs a record per row (explanations, a backtest, an event-time
 * field, class probabilities in the output). Otherwise the per-row path scores the job, with the same results.
 *
 * @param columns the top-level input columns to read (model fields, the deployment's key field, carried columns)
 * @param refusal why the columnar path does not apply, or null when it does
 */
record ColumnarPlan(List<String> columns, String refusal) {

    boolean applies() {
        return refusal == null;
    }

    private static ColumnarPlan refused(String why) {
        return new ColumnarPlan(List.of(), why);
    }

    static ColumnarPlan of(JobOptions options, JobModels models) {
        if (!options.columnar()) {
            return refused("--no-columnar");
        }
        if (!(options.source() instanceof FileInput input) || input.format() != JobOptions.Format.PARQUET) {
            return refused("the input is not Parquet");
        }
        if (!(options.output() instanceof FileOutput output) || output.format() != JobOptions.Format.PARQUET) {
            return refused("the output is not Parquet");
        }
        if (options.explainTopK() > 0 || options.backtest() != null || options.eventTimeField() != null) {
            return refused("explanations, backtests and --event-time-field read one record per row");
        }
        List<String> fields = options.outputFields().isEmpty() ? OutputColumns.PARQUET_DEFAULT : options.outputFields();
        if (fields.contains("probabilities")) {
            return refused("the output has class probabilities");
        }
        DeploymentSpec spec = models.spec();
        if (!spec.shadows().isEmpty()
                || spec.policy() instanceof EnsemblePolicy
                || spec.policy() instanceof CascadePolicy) {
            return refused("the deployment has shadows, an ensemble or a cascade");
        }
        Set<String> modelColumns = new LinkedHashSet<>();
        try {
            for (ModelManifest manifest : manifests(options, spec)) {
                for (InputSpec tensor : manifest.inputs()) {
                    if (!new FeatureEncoder(tensor).columnar()) {
                        return refused(manifest.name() + "/" + manifest.version() + " input " + tensor.tensor()
                                + " has text, categorical, vector or nested fields");
                    }
                    tensor.fields().stream().map(FieldSpec::path).forEach(p -> modelColumns.add(p.text()));
                }
            }
        } catch (IOException | ManifestException e) {
            return refused("cannot read the model's manifests: " + e.getMessage());
        }
        Set<String> columns = new LinkedHashSet<>(modelColumns);
        if (spec.keyField() != null) {
            if (spec.keyField().segments().size() != 1) {
                return refused("the deployment's key field is nested");
            }
            columns.add(spec.keyField().text());
        }
        fields.stream()
                .filter(OutputColumns::isInput)
                .map(OutputColumns::inputColumn)
                .forEach(columns::add);
        try {
            Path first = firstFile(input.path());
            if (first == null) {
                return refused("the input holds no file");
            }
            Map<String, ColumnBatch.Kind> kinds = ColumnFileSource.kinds(first, List.copyOf(columns));
            for (String column : modelColumns) {
                ColumnBatch.Kind kind = kinds.get(column);
                if (kind != null && !kind.numeric()) {
                    return refused("model field " + column + " is text in " + first);
                }
            }
        } catch (IOException e) {
            return refused(e.getMessage());
        }
        return new ColumnarPlan(List.copyOf(columns), null);
    }

    private static List<ModelManifest> manifests(JobOptions options, DeploymentSpec spec)
            throws IOException, ManifestException {
        ModelRepository repository = FlinkModelRepository.open(options.modelRepository());
        List<ModelManifest> manifests = new ArrayList<>();
        for (int version : spec.versions()) {
            ModelArtifact artifact = repository.fetch(new ModelRef(spec.model(), version));
            manifests.add(ManifestParser.parse(artifact.manifest(), artifact.location() + "/model.yaml"));
        }
        return manifests;
    }

    private static Path firstFile(String input) throws IOException {
        Path root = new Path(input);
        FileSystem fs = root.getFileSystem();
        List<Path> files = new ArrayList<>();
        FileCheck.collect(fs, fs.getFileStatus(root), files);
        return files.isEmpty() ? null : files.get(0);
    }
}
