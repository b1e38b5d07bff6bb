/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import dev.inferstream.control.ControlPlane;
import dev.inferstream.control.ControlTopics;
import dev.inferstream.control.Reachability;
import dev.inferstream.control.RolloutException;
import dev.inferstream.model.repository.ModelRepository;
import dev.inferstream.schemas.ProjectVersion;
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
        scope = ScopeType.INHERIT, // --help and --version on every subcommand
        versionProvider = ScorerCtl.Version.class,
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
            RolloutCommands.KeyField.class,
            PredictCommand.class,
            ExplainCommand.class
        })
public final class ScorerCtl {
    /** Exit code of a refused or failed action. */
    static final int REFUSED = 1;

    @Option(
            names = "--bootstrap-servers",
            scope = ScopeType.INHERIT,
            paramLabel = "HOST:PORT",
            description = "Kafka (else bootstrap.servers from --client-config, else env " + ClientSettings.SERVERS_ENV
                    + ", else " + ClientSettings.DEFAULT_SERVERS + ")")
    String bootstrapServers;

    @Option(
            names = "--schema-registry",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "Schema registry (else schema.registry.url from --client-config, else env "
                    + ClientSettings.REGISTRY_ENV + ", else " + ClientSettings.DEFAULT_REGISTRY + ")")
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
            description = "Properties for the Kafka clients and the registry (servers, security, basic auth, TLS); "
                    + "explicit options win over it")
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
        cli.setAllowSubcommandsAsOptionParameters(true); // --repository models: a folder, not the command
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("scorerctl: " + describe(e));
            return REFUSED;
        });
        return cli.execute(args);
    }

    /** The message of a failed command: what went wrong, never only an exception's class name. */
    static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /**
     * The control plane, repository and output this invocation works with, once Kafka and the registry have
     * answered (within seconds: an unreachable server is reported with its address and what to do).
     */
    Session session(PrintWriter out) {
        Properties props = clientProperties();
        Map<String, Object> registryProps = new HashMap<>();
        props.forEach((k, v) -> registryProps.put(k.toString(), v));
        RegistryConfig registryConfig = registryConfig(registryProps);
        Reachability.kafka(
                props,
                Reachability.DEFAULT_TIMEOUT,
                "start the local stack (scripts/local-stack start) or pass --bootstrap-servers HOST:PORT "
                        + "(env INFERSTREAM_BOOTSTRAP_SERVERS)");
        Reachability.registry(
                registryConfig,
                Reachability.DEFAULT_TIMEOUT,
                "start the local stack (scripts/local-stack start) or pass --schema-registry URL "
                        + "(env INFERSTREAM_SCHEMA_REGISTRY_URL)");
        SchemaRegistryClient registry = new SchemaRegistryClient(registryConfig);
        ControlPlane control = new ControlPlane(
                props,
                registry,
                ControlTopics.forDeployments(controlTopic)
                        .withStatus(statusTopic)
                        .withQuality(qualityTopic));
        return new Session(control, () -> ModelRepository.open(repository), json, out);
    }

    /** A session for commands that only work with the model repository: no Kafka, no registry. */
    Session offlineSession(PrintWriter out) {
        return new Session(null, () -> ModelRepository.open(repository), json, out);
    }

    private static RegistryConfig registryConfig(Map<String, Object> props) {
        try {
            return RegistryConfig.fromProperties(props);
        } catch (IllegalArgumentException e) {
            throw new RolloutException("--schema-registry / --client-config: " + e.getMessage());
        }
    }

    private Properties clientProperties() {
        Properties file = new Properties();
        if (clientConfig != null) {
            try (InputStream in = Files.newInputStream(clientConfig)) {
                file.load(in);
            } catch (IOException e) {
                throw new RolloutException("cannot read --client-config " + clientConfig + ": " + e.getMessage());
            }
        }
        return ClientSettings.resolve(bootstrapServers, schemaRegistry, file, System.getenv());
    }

    /** Prints the project's version: the same for every command line of a build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {ProjectVersion.line("scorerctl")};
        }
    }
}
