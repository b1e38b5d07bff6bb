/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import dev.inferstream.batch.job.JobOptions.KafkaOutput;
import dev.inferstream.batch.scoring.JobModels;
import dev.inferstream.control.ControlPlaneException;
import dev.inferstream.control.Reachability;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.schemas.serde.AvroSerdeException;
import dev.inferstream.schemas.serde.AvroSerializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Everything a job needs, checked before it starts so that a mistake is reported within seconds with what to do,
 * every problem at once: the inputs exist and read in their format, the model and its versions exist and load,
 * Kafka and the registry answer, the topics exist (or are created with {@code --create-topics}). Then the output
 * envelopes' schemas are registered once, so that parallel writers never race to register them.
 *
 * <pre>{@code
 * JobModels models = Preflight.check(options); // InvalidJobException lists every problem
 * BatchScoringJob.build(env, options, models);
 * }</pre>
 */
public final class Preflight {
    private static final String LOCAL_STACK = "start the local stack (scripts/local-stack start) or pass ";

    private Preflight() {}

    /** The versions the job will score with, once every check passed. */
    public static JobModels check(JobOptions options) throws InvalidJobException {
        List<String> problems = new ArrayList<>();
        FileCheck.check(options, problems);
        boolean servers = true;
        if (options.usesKafka()) {
            servers = reachable(options, problems);
            if (servers) {
                TopicCheck.check(options, problems);
            }
        }
        JobModels models = null;
        if (servers || options.deploymentTopic() == null) {
            try {
                models = ModelResolver.resolve(options);
            } catch (InvalidJobException e) {
                problems.addAll(e.problems());
            }
        } else {
            ModelResolver.checkModel(options, problems);
        }
        if (problems.isEmpty()) {
            registerOutputSchemas(options, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidJobException(problems);
        }
        return models;
    }

    private static boolean reachable(JobOptions options, List<String> problems) {
        boolean reachable = true;
        Properties kafka = new Properties();
        kafka.putAll(options.kafka());
        try {
            Reachability.kafka(kafka, Reachability.DEFAULT_TIMEOUT, LOCAL_STACK + "--bootstrap-servers HOST:PORT");
        } catch (ControlPlaneException e) {
            problems.add(e.getMessage());
            reachable = false;
        }
        try {
            Reachability.registry(
                    registry(options), Reachability.DEFAULT_TIMEOUT, LOCAL_STACK + "--schema-registry-url URL");
        } catch (ControlPlaneException e) {
            problems.add(e.getMessage());
            reachable = false;
        } catch (IllegalArgumentException e) {
            problems.add("--schema-registry-url: " + e.getMessage());
            reachable = false;
        }
        return reachable;
    }

    /** Registers {@code Prediction} and {@code DeadLetter} under the output topics' subjects (no-op when there). */
    private static void registerOutputSchemas(JobOptions options, List<String> problems) {
        if (!(options.output() instanceof KafkaOutput) && !(options.deadLetters() instanceof KafkaOutput)) {
            return;
        }
        AvroSerializer<Object> values = new AvroSerializer<>(new SchemaRegistryClient(registry(options)), true, false);
        try {
            if (options.output() instanceof KafkaOutput out) {
                values.register(out.topic(), Prediction.getClassSchema());
            }
            if (options.deadLetters() instanceof KafkaOutput out) {
                values.register(out.topic(), DeadLetter.getClassSchema());
            }
        } catch (AvroSerdeException e) {
            problems.add("cannot register the output schemas: " + e.getMessage());
        }
    }

    private static RegistryConfig registry(JobOptions options) {
        return RegistryConfig.fromProperties(options.registry());
    }
}
