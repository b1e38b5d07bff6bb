/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import dev.inferstream.control.ControlPlane;
import dev.inferstream.control.ControlTopics;
import dev.inferstream.control.RolloutException;
import dev.inferstream.model.repository.ModelRepository;
import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code scorerctl}: drives rollouts through the control topic. Every action is one command line with a
 * {@code --json} form and a non-zero exit code when refused, so CI/CD pipelines can use it directly.
 */
@Command(
        name = "scorerctl",
        mixinStandardHelpOptions = true,
        version = "scorerctl 0.1.0",
        description = "Rollouts of ONNX models served by the inferstream scorers: deploy, canary, shadow, A/B, "
                + "ensemble, cascade, promote, rollback; inspect status and history.",
        subcommands = {
            ModelsCommand.class,
            StatusCommand.class,
            HistoryCommand.class,
            RolloutCommands.Deploy.class,
            RolloutCommands.CanaryCmd.class,
            RolloutCommands.Shadow.class,
            RolloutCommands.Unshadow.class,
            RolloutCommands.Ab.class,
            RolloutCommands.BanditCmd.class,
            RolloutCommands.EnsembleCmd.class,
            RolloutCommands.CascadeCmd.class,
            RolloutCommands.Promote.class,
            RolloutCommands.Rollback.class,
            RolloutCommands.Pin.class,
            RolloutCommands.Unpin.class,
            RolloutCommands.KeyField.class
        })
public final class ScorerCtl {
    /** Exit code of a refused or failed action. */
    static final int REFUSED = 1;

    @Option(
            names = "--bootstrap-servers",
            scope = ScopeType.INHERIT,
            paramLabel = "HOST:PORT",
            defaultValue = "${env:INFERSTREAM_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka (env INFERSTREAM_BOOTSTRAP_SERVERS; default ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(
            names = "--schema-registry",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            defaultValue = "${env:INFERSTREAM_SCHEMA_REGISTRY_URL:-http://localhost:8081}",
            description = "Schema registry (env INFERSTREAM_SCHEMA_REGISTRY_URL; default ${DEFAULT-VALUE})")
    String schemaRegistry;

    @Option(
            names = "--repository",
            scope = ScopeType.INHERIT,
            paramLabel = "DIR|URL",
            defaultValue = "${env:INFERSTREAM_MODEL_REPOSITORY:-./models}",
            description = "Model repository, to check versions exist (env INFERSTREAM_MODEL_REPOSITORY; "
                    + "default ${DEFAULT-VALUE})")
    String repository;

    @Option(
            names = "--control-topic",
            scope = ScopeType.INHERIT,
            defaultValue = ControlTopics.DEFAULT_DEPLOYMENTS,
            description = "Deployments topic; its history is <topic>.history (default ${DEFAULT-VALUE})")
    String controlTopic;

    @Option(
            names = "--status-topic",
            scope = ScopeType.INHERIT,
            defaultValue = ControlTopics.DEFAULT_STATUS,
            description = "Topic the scorers report status to (default ${DEFAULT-VALUE})")
    String statusTopic;

    @Option(
            names = "--quality-topic",
            scope = ScopeType.INHERIT,
            defaultValue = ControlTopics.DEFAULT_QUALITY,
            description = "Topic the scorers publish quality from joined feedback to (default ${DEFAULT-VALUE})")
    String qualityTopic;

    @Option(
            names = "--client-config",
            scope = ScopeType.INHERIT,
            paramLabel = "FILE",
            description = "Properties for the Kafka clients and the registry (security, basic auth, TLS)")
    Path clientConfig;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print JSON instead of text")
    boolean json;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; returns its exit code (0 done, 1 refused or failed, 2 usage error). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new ScorerCtl());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String message = e instanceof RolloutException || e instanceof IllegalArgumentException
                    ? e.getMessage()
                    : e.toString();
            commandLine.getErr().println("scorerctl: " + message);
            return REFUSED;
        });
        return cli.execute(args);
    }

    /** The control plane, repository and output this invocation works with. */
    Session session(PrintWriter out) {
        Properties props = new Properties();
        if (clientConfig != null) {
            try (InputStream in = Files.newInputStream(clientConfig)) {
                props.load(in);
            } catch (IOException e) {
                throw new RolloutException("cannot read --client-config " + clientConfig + ": " + e.getMessage());
            }
        }
        props.setProperty("bootstrap.servers", bootstrapServers);
        props.putIfAbsent("request.timeout.ms", "15000");
        props.putIfAbsent("default.api.timeout.ms", "30000");
        Map<String, Object> registryProps = new HashMap<>();
        props.forEach((k, v) -> registryProps.put(k.toString(), v));
        registryProps.put(RegistryConfig.URL, schemaRegistry);
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.fromProperties(registryProps));
        ControlPlane control = new ControlPlane(
                props,
                registry,
                ControlTopics.forDeployments(controlTopic)
                        .withStatus(statusTopic)
                        .withQuality(qualityTopic));
        return new Session(control, () -> ModelRepository.open(repository), json, out);
    }
}
