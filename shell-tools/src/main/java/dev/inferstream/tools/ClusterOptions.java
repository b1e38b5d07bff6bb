/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.tools;

import dev.inferstream.control.ControlPlaneException;
import dev.inferstream.control.Reachability;
import dev.inferstream.schemas.registry.RegistryConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Option;

/**
 * Where Kafka and the schema registry are: the options and environment variables scorerctl reads, so one
 * {@code export} (or {@code eval "$(scripts/local-stack env)"}) points every tool at the same cluster.
 */
final class ClusterOptions {
    static final String KAFKA_HINT = "start the local stack (scripts/local-stack start) or pass --bootstrap-servers "
            + "HOST:PORT (env INFERSTREAM_BOOTSTRAP_SERVERS)";
    static final String REGISTRY_HINT = "start the local stack (scripts/local-stack start) or pass --schema-registry "
            + "URL (env INFERSTREAM_SCHEMA_REGISTRY_URL)";

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            defaultValue = "${env:INFERSTREAM_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka (env INFERSTREAM_BOOTSTRAP_SERVERS; default ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(
            names = "--schema-registry",
            paramLabel = "URL",
            defaultValue = "${env:INFERSTREAM_SCHEMA_REGISTRY_URL:-http://localhost:8081}",
            description = "Schema registry (env INFERSTREAM_SCHEMA_REGISTRY_URL; default ${DEFAULT-VALUE})")
    String schemaRegistry;

    @Option(
            names = "--client-config",
            paramLabel = "FILE",
            description = "Properties for the Kafka clients and the registry (security, basic auth, TLS)")
    Path clientConfig;

    /** The client properties: the --client-config file, then the bootstrap servers. */
    Properties clientProperties() {
        Properties props = new Properties();
        if (clientConfig != null) {
            try (InputStream in = Files.newInputStream(clientConfig)) {
                props.load(in);
            } catch (IOException e) {
                throw new ToolException("cannot read --client-config " + clientConfig + ": " + e.getMessage());
            }
        }
        props.setProperty("bootstrap.servers", bootstrapServers);
        return props;
    }

    RegistryConfig registryConfig() {
        Map<String, Object> props = new HashMap<>();
        clientProperties().forEach((k, v) -> props.put(k.toString(), v));
        props.put(RegistryConfig.URL, schemaRegistry);
        try {
            return RegistryConfig.fromProperties(props);
        } catch (IllegalArgumentException e) {
            throw new ToolException("--schema-registry / --client-config: " + e.getMessage());
        }
    }

    /** Fails within seconds, naming the address and what to do, when Kafka or the registry does not answer. */
    void checkReachable(boolean registryToo) {
        try {
            Reachability.kafka(clientProperties(), Reachability.DEFAULT_TIMEOUT, KAFKA_HINT);
            if (registryToo) {
                Reachability.registry(registryConfig(), Reachability.DEFAULT_TIMEOUT, REGISTRY_HINT);
            }
        } catch (ControlPlaneException e) {
            throw new ToolException(e.getMessage());
        }
    }

    /** Fails with the command that creates {@code topic} when it does not exist. */
    void checkTopicExists(String topic) {
        Properties props = clientProperties();
        props.keySet().removeIf(k -> !AdminClientConfig.configNames().contains(k));
        try (Admin admin = Admin.create(props)) {
            Set<String> topics = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            if (!topics.contains(topic)) {
                throw new ToolException("topic " + topic + " does not exist on " + bootstrapServers
                        + ": create it with scripts/kafka-topics --create --topic " + topic + " --partitions 3");
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new ToolException("cannot list the topics on " + bootstrapServers + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while listing topics");
        }
    }
}
