/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console;

import dev.inferstream.console.auth.Passwords;
import dev.inferstream.console.auth.Users;
import dev.inferstream.console.config.ConfigException;
import dev.inferstream.console.config.ConsoleConfig;
import dev.inferstream.console.server.ConsoleServer;
import dev.inferstream.control.ControlPlaneException;
import dev.inferstream.control.Reachability;
import dev.inferstream.schemas.ProjectVersion;
import dev.inferstream.schemas.registry.RegistryConfig;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code console}: starts the web console ({@code console --config console.properties}) or hashes a password for
 * the users file ({@code console hash-password}). Reads the configuration, checks Kafka and the registry answer,
 * starts the server and waits; nothing else.
 */
@Command(
        name = "console",
        mixinStandardHelpOptions = true,
        versionProvider = ConsoleMain.Version.class,
        description = "The inferstream web console: every model's lifecycle, publishing, rollouts, test tools, "
                + "monitoring and governance in a browser.",
        subcommands = ConsoleMain.HashPassword.class)
public final class ConsoleMain implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "console.properties (keys: README, Console)")
    Path config;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default 8088; 0: a free one)")
    Integer port;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new ConsoleMain());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("console: " + e.getMessage());
            return 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        ConsoleConfig cfg;
        try {
            cfg = ConsoleConfig.from(load(config), System.getenv());
        } catch (ConfigException e) {
            System.err.println("console: " + e.getMessage());
            return 2;
        }
        if (port != null) {
            cfg = cfg.withPort(port);
        }
        Files.createDirectories(cfg.workDir());
        Map<String, Object> registryProps = new HashMap<>();
        cfg.clientConfig().forEach((k, v) -> registryProps.put(k.toString(), v));
        try {
            Reachability.kafka(
                    cfg.clientConfig(),
                    Reachability.DEFAULT_TIMEOUT,
                    "start the local stack (scripts/local-stack start) or set bootstrap.servers");
            Reachability.registry(
                    RegistryConfig.fromProperties(registryProps),
                    Reachability.DEFAULT_TIMEOUT,
                    "start the local stack (scripts/local-stack start) or set schema.registry.url");
        } catch (ControlPlaneException e) {
            System.err.println("console: " + e.getMessage());
            return 1;
        }
        Users users = null;
        boolean generated = false;
        if (cfg.proxyUserHeader() == null) {
            Path file =
                    cfg.usersFile() != null ? cfg.usersFile() : cfg.workDir().resolve("users.properties");
            if (cfg.usersFile() == null && !Files.exists(file)) {
                String password = Passwords.random();
                Files.writeString(
                        file,
                        "# console users: NAME = ROLE HASH (hash from 'console hash-password')\nadmin = admin "
                                + Passwords.hash(password.toCharArray()) + "\n");
                Files.writeString(file.resolveSibling("admin-password.txt"), password + "\n");
                generated = true;
                out.println("first start: created user admin with a random password, in "
                        + file.resolveSibling("admin-password.txt"));
            }
            try {
                users = Users.load(file);
            } catch (ConfigException e) {
                System.err.println("console: " + e.getMessage());
                return 2;
            }
        }
        ConsoleServices services = new ConsoleServices(cfg, users, generated, Clock.systemUTC());
        ConsoleServer server = ConsoleServer.start(cfg, services);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(Duration.ofSeconds(5)), "console-stop"));
        out.println("console: http://" + (cfg.host().equals("0.0.0.0") ? "localhost" : cfg.host()) + ":" + server.port()
                + "/");
        server.blockUntilShutdown();
        return 0;
    }

    private static Properties load(Path file) throws IOException {
        Properties props = new Properties();
        if (file != null) {
            try (InputStream in = Files.newInputStream(file)) {
                props.load(in);
            }
        }
        return props;
    }

    /** {@code console hash-password}: reads a password (twice, without echo) and prints the line's hash. */
    @Command(
            name = "hash-password",
            mixinStandardHelpOptions = true,
            description = "Print the hash of a password for the users file (NAME = ROLE HASH); reads the password "
                    + "from the terminal, or one line from standard input")
    static final class HashPassword implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Console terminal = System.console();
            char[] password;
            if (terminal != null) {
                password = terminal.readPassword("password: ");
                char[] again = terminal.readPassword("again: ");
                if (!Arrays.equals(password, again)) {
                    System.err.println("console: the two passwords differ");
                    return 1;
                }
            } else {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                password = line == null ? new char[0] : line.toCharArray();
            }
            if (password.length < 8) {
                System.err.println("console: use at least 8 characters");
                return 1;
            }
            System.out.println(Passwords.hash(password));
            return 0;
        }
    }

    /** The project's version, the same for every command line of a build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {ProjectVersion.line("console")};
        }
    }
}
