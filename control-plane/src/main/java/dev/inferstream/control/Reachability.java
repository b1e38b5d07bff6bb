/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.RegistryException;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

/**
 * Quick checks that Kafka and the schema registry answer, run by command lines and servers before they start
 * work, so an unreachable server is reported within seconds with the address tried and what to do, instead of
 * after a client's own minute-long timeouts.
 *
 * <pre>{@code
 * Reachability.kafka(clientConfig, Duration.ofSeconds(8), "start the local stack or pass --bootstrap-servers");
 * }</pre>
 */
public final class Reachability {
    /** How long the command lines wait for an answer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(6);

    private Reachability() {}

    /**
     * Asks the cluster at {@code bootstrap.servers} for its id.
     *
     * @param hint what the user can do about it, appended to the message
     * @throws ControlPlaneException naming the address when no broker answers within {@code timeout}
     */
    public static void kafka(Properties clientConfig, Duration timeout, String hint) {
        String address = clientConfig.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        Properties props = Clients.admin(clientConfig);
        int millis = (int) timeout.toMillis();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(millis));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(millis));
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (KafkaException e) {
            throw new ControlPlaneException("cannot use Kafka at " + address + ": " + rootMessage(e) + "; " + hint, e);
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis))
                    .clusterId()
                    .get(millis + 2_000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            String why = e instanceof TimeoutException
                            || e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException
                    ? "no broker answered within " + timeout.toSeconds() + " s"
                    : rootMessage(e);
            throw new ControlPlaneException("cannot reach Kafka at " + address + " (" + why + "); " + hint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlPlaneException("interrupted while connecting to Kafka at " + address, e);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    /**
     * Lists the registry's subjects, once, without the client's retries.
     *
     * @param hint what the user can do about it, appended to the message
     * @throws ControlPlaneException naming the URL when the registry does not answer or refuses
     */
    public static void registry(RegistryConfig config, Duration timeout, String hint) {
        RegistryConfig once = new RegistryConfig(
                config.urls(),
                config.userInfo(),
                config.ssl(),
                timeout.compareTo(config.requestTimeout()) < 0 ? timeout : config.requestTimeout(),
                0,
                config.initialBackoff(),
                config.maxBackoff());
        try {
            new SchemaRegistryClient(once).subjects();
        } catch (RegistryException.Unavailable e) {
            throw new ControlPlaneException(
                    "cannot reach the schema registry at " + String.join(", ", urls(config)) + " (" + rootMessage(e)
                            + "); " + hint,
                    e);
        } catch (RegistryException e) {
            throw new ControlPlaneException(
                    "the schema registry at " + String.join(", ", urls(config)) + " refused to list subjects: "
                            + e.getMessage(),
                    e);
        }
    }

    private static java.util.List<String> urls(RegistryConfig config) {
        return config.urls().stream().map(Object::toString).toList();
    }

    /** The innermost message, or the exception's simple name when it has none (e.g. ConnectException). */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String kind = root.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return kind.equals("ConnectException") ? "connection refused" : kind;
        }
        return message;
    }
}
