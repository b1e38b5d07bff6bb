/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.RegistryException;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
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
    /**
     * How long the command lines wait for Kafka's or the registry's answer once a connection is open (a closed
     * port is reported at once); generous, so a busy broker is not taken for a missing one.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    private static final int CONNECT_TIMEOUT_MS = 3_000;

    private Reachability() {}

    /**
     * Asks the cluster at {@code bootstrap.servers} for its id.
     *
     * @param hint what the user can do about it, appended to the message
     * @throws ControlPlaneException naming the address when no broker answers within {@code timeout}
     */
    public static void kafka(Properties clientConfig, Duration timeout, String hint) {
        String address = clientConfig.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        String refused = noneListens(address);
        if (refused != null) {
            throw new ControlPlaneException("cannot reach Kafka at " + address + " (" + refused + "); " + hint, null);
        }
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

    /**
     * Null when a bootstrap address accepts a TCP connection, else why none does (nothing listens, unknown host):
     * the common mistakes fail at once instead of after the client's timeout.
     */
    private static String noneListens(String bootstrapServers) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            return "no bootstrap.servers given";
        }
        String why = null;
        for (String server : bootstrapServers.split(",")) {
            String address = server.trim().replaceFirst("^[A-Za-z_]+://", "");
            int colon = address.lastIndexOf(':');
            if (colon < 1) {
                return "'" + address + "' is not HOST:PORT";
            }
            try (Socket socket = new Socket()) {
                socket.connect(
                        new InetSocketAddress(
                                address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
                        CONNECT_TIMEOUT_MS);
                return null;
            } catch (UnknownHostException e) {
                why = "unknown host " + address.substring(0, colon);
            } catch (NumberFormatException e) {
                return "'" + address + "' is not HOST:PORT";
            } catch (SocketTimeoutException e) {
                why = "no answer to a connection within " + CONNECT_TIMEOUT_MS / 1000 + " s";
            } catch (IOException e) {
                why = "nothing listens there: " + rootMessage(e);
            }
        }
        return why;
    }

    private static List<String> urls(RegistryConfig config) {
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
