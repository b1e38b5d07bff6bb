/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Picks the keys each Kafka client knows from a mixed configuration (streams, registry, scorer keys). */
public final class Clients {
    private Clients() {}

    /** A group-less, read-committed consumer's settings without auto-commit. */
    public static Properties consumer(Properties all) {
        Properties props = only(all, ConsumerConfig.configNames());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return props;
    }

    /** A producer's settings, never transactional. */
    public static Properties producer(Properties all) {
        Properties props = only(all, ProducerConfig.configNames());
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return props;
    }

    /** An admin client's settings. */
    public static Properties admin(Properties all) {
        return only(all, AdminClientConfig.configNames());
    }

    private static Properties only(Properties all, Set<String> names) {
        Properties props = new Properties();
        all.forEach((k, v) -> {
            if (names.contains(k.toString())) {
                props.put(k, v);
            }
        });
        return props;
    }
}
