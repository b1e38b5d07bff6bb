/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.audit;

import dev.inferstream.console.auth.User;
import dev.inferstream.console.state.ConsoleAction;
import dev.inferstream.control.Clients;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records console actions on the console's audit topic (kept forever), next to the deployment history the control
 * plane keeps: together they are the audit trail. A write waits for the broker, so an action the user saw done is
 * on record.
 */
public final class ConsoleAudit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleAudit.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final Clock clock;

    public ConsoleAudit(Properties clientConfig, String topic, Clock clock) {
        this.topic = topic;
        this.clock = clock;
        Properties props = Clients.producer(clientConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        createTopic(clientConfig, topic);
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Records what {@code user} did; a failure to record is logged, never hidden from the log. */
    public void record(User user, String action, String model, String detail, String outcome) {
        ConsoleAction entry =
                new ConsoleAction(clock.instant(), user.name(), user.role().label(), action, model, detail, outcome);
        try {
            producer.send(new ProducerRecord<>(topic, user.name().getBytes(StandardCharsets.UTF_8), entry.toJson()))
                    .get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.error("could not record console action {} to {}: {}", entry, topic, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void createTopic(Properties clientConfig, String topic) {
        try (Admin admin = Admin.create(Clients.admin(clientConfig))) {
            if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                return;
            }
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty())
                            .configs(
                                    Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "cannot create the console audit topic " + topic + ": "
                                + e.getCause().getMessage(),
                        e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create the console audit topic " + topic + ": no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
