/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.monitoring;

import dev.inferstream.console.state.ConsoleState.StoredDeadLetter;
import dev.inferstream.control.Clients;
import dev.inferstream.schemas.DeadLetter;
import dev.inferstream.schemas.Header;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends a dead letter's original record (key, value and headers, byte for byte) back to the topic it was read
 * from, once the cause is fixed, so the scorers score it again.
 */
public final class DeadLetterReplay implements AutoCloseable {
    private final Properties producerConfig;
    private KafkaProducer<byte[], byte[]> producer;

    public DeadLetterReplay(Properties clientConfig) {
        producerConfig = Clients.producer(clientConfig);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    }

    /**
     * @return where the record went, e.g. {@code transactions-2@1234}
     * @throws IllegalArgumentException when the letter did not come from Kafka or kept no value
     */
    public synchronized String replay(StoredDeadLetter stored) {
        DeadLetter letter = stored.letter();
        if (!"kafka".equals(letter.getSource().getSystem())) {
            throw new IllegalArgumentException("this dead letter came from file "
                    + letter.getSource().getName() + ": score the file again with the batch scorer");
        }
        if (letter.getValue() == null) {
            throw new IllegalArgumentException("this dead letter kept no value to replay");
        }
        List<org.apache.kafka.common.header.Header> headers = new ArrayList<>();
        for (Header h : letter.getHeaders()) {
            headers.add(new RecordHeader(h.getKey(), h.getValue() == null ? null : bytes(h.getValue())));
        }
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                letter.getSource().getName(),
                null,
                letter.getKey() == null ? null : bytes(letter.getKey()),
                bytes(letter.getValue()),
                headers);
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        }
        try {
            var meta = producer.send(record).get(30, TimeUnit.SECONDS);
            return meta.topic() + "-" + meta.partition() + "@" + meta.offset();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send to " + record.topic() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
