/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.tools;

import dev.inferstream.control.ControlPlaneException;
import dev.inferstream.control.Reachability;
import dev.inferstream.schemas.ProjectVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.TopicCommand;

/**
 * {@code kafka-topics}: Kafka's own {@code TopicCommand} (what {@code kafka-topics.sh} runs), with the flags of
 * {@code kafka-topics.sh}, pointed at the local stack by default. {@code --bootstrap-servers} and
 * {@code --client-config} are accepted as aliases of {@code --bootstrap-server} and {@code --command-config}, as
 * the other tools spell them; an unreachable broker is reported within seconds.
 */
public final class KafkaTopics {
    private KafkaTopics() {}

    public static void main(String[] args) {
        List<String> in = List.of(args);
        if (in.contains("--version")) {
            System.out.println(ProjectVersion.line("kafka-topics") + " (Kafka " + AppInfoParser.getVersion() + ")");
            System.exit(0);
        }
        boolean help = in.isEmpty() || in.contains("--help") || in.contains("-h");
        List<String> out = translate(in);
        if (!help) {
            Properties client = new Properties();
            client.setProperty("bootstrap.servers", out.get(out.indexOf("--bootstrap-server") + 1));
            try {
                Reachability.kafka(client, Reachability.DEFAULT_TIMEOUT, ClusterOptions.KAFKA_HINT);
            } catch (ControlPlaneException e) {
                System.err.println("kafka-topics: " + e.getMessage());
                System.exit(1);
            }
        }
        // kafka-topics.sh exits 1 after printing its help; asking for help is not a failure
        Exit.setExitProcedure((code, message) -> System.exit(help ? 0 : code));
        TopicCommand.main(out.toArray(String[]::new));
    }

    /** Our spellings to TopicCommand's, and the default bootstrap server from the environment. */
    static List<String> translate(List<String> args) {
        List<String> out = new ArrayList<>();
        boolean bootstrap = false;
        for (String arg : args) {
            if (arg.equals("--bootstrap-servers") || arg.equals("--bootstrap-server")) {
                out.add("--bootstrap-server");
                bootstrap = true;
            } else if (arg.startsWith("--bootstrap-servers=") || arg.startsWith("--bootstrap-server=")) {
                out.add("--bootstrap-server");
                out.add(arg.substring(arg.indexOf('=') + 1));
                bootstrap = true;
            } else if (arg.equals("--client-config")) {
                out.add("--command-config");
            } else {
                out.add(arg);
            }
        }
        if (!bootstrap) {
            String env = System.getenv("INFERSTREAM_BOOTSTRAP_SERVERS");
            out.add("--bootstrap-server");
            out.add(env == null || env.isBlank() ? "localhost:9092" : env);
        }
        return out;
    }
}
