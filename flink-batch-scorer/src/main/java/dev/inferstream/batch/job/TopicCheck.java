/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import dev.inferstream.batch.job.JobOptions.KafkaInput;
import dev.inferstream.batch.job.JobOptions.KafkaOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Checks that the job's topics exist on a broker that answered: the input and control topics must; the output and
 * dead-letter topics must too, unless {@code --create-topics} asks for them to be created.
 */
final class TopicCheck {
    private static final long TIMEOUT_MS = 8_000;

    private TopicCheck() {}

    static void check(JobOptions options, List<String> problems) {
        String servers = options.kafka().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        Properties props = new Properties();
        props.putAll(options.kafka());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT_MS));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT_MS));
        try (Admin admin = Admin.create(props)) {
            Set<String> topics = admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (options.source() instanceof KafkaInput in && !topics.contains(in.topic())) {
                problems.add("input topic " + in.topic() + " does not exist on " + servers + " (check --input-topic)");
            }
            if (options.deploymentTopic() != null && !topics.contains(options.deploymentTopic())) {
                problems.add("control topic " + options.deploymentTopic() + " does not exist on " + servers
                        + " (check --deployment-topic: the topic scorerctl and the scorers use)");
            }
            List<String> missing = new ArrayList<>();
            for (JobOptions.Sink sink : List.of(options.output(), options.deadLetters())) {
                if (sink instanceof KafkaOutput out && !topics.contains(out.topic())) {
                    missing.add(out.topic());
                }
            }
            if (options.createTopics() && !missing.isEmpty()) {
                create(admin, missing, servers, problems);
            } else {
                missing.forEach(topic -> problems.add("output topic " + topic + " does not exist on " + servers
                        + ": create it, or pass --create-topics to have the job create it"));
            }
        } catch (ExecutionException | TimeoutException e) {
            problems.add("cannot list the topics on " + servers + ": "
                    + (e instanceof ExecutionException ? e.getCause().getMessage() : "no answer within 8 s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("interrupted while listing the topics on " + servers);
        }
    }

    private static void create(Admin admin, List<String> topics, String servers, List<String> problems)
            throws InterruptedException {
        List<NewTopic> fresh = topics.stream()
                .map(t -> new NewTopic(t, Optional.empty(), Optional.empty()))
                .toList();
        try {
            admin.createTopics(fresh).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            problems.add("cannot create " + topics + " on " + servers + ": "
                    + (e instanceof ExecutionException ? e.getCause().getMessage() : "no answer within 8 s"));
        }
    }
}
