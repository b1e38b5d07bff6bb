/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.system.check;

import dev.inferstream.model.features.AvroFieldSource;
import dev.inferstream.model.inference.InferenceOptions;
import dev.inferstream.model.inference.Outcome;
import dev.inferstream.model.inference.ScoreResult;
import dev.inferstream.model.repository.ModelRepository;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.routing.HeaderView;
import dev.inferstream.model.serving.ModelService;
import dev.inferstream.model.serving.ScoredRecord;
import dev.inferstream.model.serving.ScoringRequest;
import dev.inferstream.schemas.ClassProbability;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;

/**
 * Scores a scenario's inputs again with the model library itself (common-model, one inference thread like the
 * scorer) and compares each prediction's score, label and probabilities with it, bit for bit.
 */
public final class ReferenceScores {
    private final String repository;
    private final SchemaRegistryClient registry;

    public ReferenceScores(String repository, SchemaRegistryClient registry) {
        this.repository = repository;
        this.registry = registry;
    }

    /** The predictions of {@code ledger} whose scores differ from the library's, described. */
    public List<String> mismatches(Ledger ledger) {
        Map<Integer, List<Ledger.Output<Prediction>>> byVersion = new TreeMap<>();
        for (Ledger.Output<Prediction> p : ledger.predictions()) {
            byVersion
                    .computeIfAbsent(p.value().getVersion(), v -> new ArrayList<>())
                    .add(p);
        }
        AvroReader<GenericRecord> reader = AvroReader.generic(registry);
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<Integer, List<Ledger.Output<Prediction>>> group : byVersion.entrySet()) {
            String model = group.getValue().get(0).value().getModel();
            try (ModelService models = new ModelService(
                    ModelRepository.open(repository),
                    InferenceOptions.defaults().withIntraOpThreads(1))) {
                models.deploy(DeploymentSpec.stable(model, group.getKey())).join();
                List<Ledger.Output<Prediction>> predictions = group.getValue();
                for (int from = 0; from < predictions.size(); from += 256) {
                    List<Ledger.Output<Prediction>> slice =
                            predictions.subList(from, Math.min(predictions.size(), from + 256));
                    List<ScoringRequest> requests = new ArrayList<>(slice.size());
                    for (Ledger.Output<Prediction> p : slice) {
                        Ledger.Input input =
                                ledger.inputs().get(Ledger.Position.of(p.value().getSource()));
                        requests.add(new ScoringRequest(
                                input.key(), HeaderView.NONE, new AvroFieldSource(reader.read(input.value()))));
                    }
                    List<ScoredRecord> scored = models.score(model, requests);
                    for (int i = 0; i < slice.size(); i++) {
                        String problem =
                                compare(slice.get(i).value(), scored.get(i).outcome());
                        if (problem != null) {
                            mismatches.add(problem);
                        }
                    }
                }
            }
        }
        return mismatches;
    }

    private static String compare(Prediction prediction, Outcome outcome) {
        String at = prediction.getSource().getPartition() + "@"
                + prediction.getSource().getOffset();
        if (!(outcome instanceof Outcome.Scored scored)) {
            return at + ": the library did not score it: " + outcome;
        }
        ScoreResult expected = scored.result();
        if (prediction.getScore() == null
                || Double.doubleToRawLongBits(prediction.getScore()) != Double.doubleToRawLongBits(expected.score())) {
            return at + ": score " + prediction.getScore() + " but the library gives " + expected.score();
        }
        if (!java.util.Objects.equals(prediction.getLabel(), expected.label())) {
            return at + ": label " + prediction.getLabel() + " but the library gives " + expected.label();
        }
        List<ClassProbability> probabilities = prediction.getProbabilities();
        for (int c = 0; c < expected.probabilities().length; c++) {
            if (Double.doubleToRawLongBits(probabilities.get(c).getProbability())
                    != Double.doubleToRawLongBits(expected.probabilities()[c])) {
                return at + ": probability of " + expected.classes().get(c) + " differs from the library's";
            }
        }
        return null;
    }
}
