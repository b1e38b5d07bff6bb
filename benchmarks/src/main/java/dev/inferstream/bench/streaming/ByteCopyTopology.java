/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench.streaming;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The framework's ceiling for the streaming scorer: a Kafka Streams topology that copies each record's bytes from
 * one topic to another (no Avro, no model), run until SIGTERM.
 *
 * <p>{@code ByteCopyTopology --config copy.properties}: {@code copy.input} and {@code copy.output} name the topics;
 * every other key is a Kafka Streams setting.
 */
public final class ByteCopyTopology {
    private ByteCopyTopology() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Properties config = load(args);
        String input = (String) config.remove("copy.input");
        String output = (String) config.remove("copy.output");
        config.remove("copy.commit.interval.ms");
        KafkaStreams streams = new KafkaStreams(topology(input, output), config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            streams.close();
                            stopped.countDown();
                        },
                        "copy-shutdown"));
        streams.start();
        stopped.await();
    }

    static Topology topology(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return builder.build();
    }

    /** The properties file given as {@code --config <file>}. */
    static Properties load(String[] args) throws IOException {
        if (args.length != 2 || !args[0].equals("--config")) {
            throw new IllegalArgumentException("usage: --config <properties file>");
        }
        Properties config = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[1]))) {
            config.load(in);
        }
        return config;
    }
}
