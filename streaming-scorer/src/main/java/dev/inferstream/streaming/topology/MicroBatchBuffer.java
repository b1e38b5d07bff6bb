/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topology;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The records of a micro-batch, mirrored into a changelogged state store so that a commit never covers a record
 * that is still waiting: whatever Kafka Streams commits, it commits with the buffer's content, in the same
 * transaction under exactly-once. After a crash or a rebalance the buffer is restored and flushed.
 *
 * <p>Record {@code seq} lives in slot {@code seq % capacity}, and key {@value #WATERMARK} holds the last flushed
 * seq. With the store's cache, the changelog receives at most {@code capacity + 1} records per commit, however
 * many records pass through. Restored records were written under the previous owner's capacity, which may differ:
 * they are drained before any new record is accepted ({@link #isFull()} says so), so a new record never lands in
 * a slot that still holds a waiting one, whatever the capacity was before.
 */
final class MicroBatchBuffer {
    /** The largest record buffered: 1 MiB less room for the changelog record's own framing. */
    static final int LARGEST_BUFFERED_BYTES = 1_048_576 - 16_384;

    static final int WATERMARK = -1;

    private final KeyValueStore<Integer, byte[]> store;
    private final int capacity;
    private final List<BufferedRecord> pending = new ArrayList<>();
    private long nextSeq;
    private boolean holdsRestored;
    /** The last input topic and its stored form, encoded once rather than per record. */
    private String topic;

    private byte[] topicBytes;

    MicroBatchBuffer(KeyValueStore<Integer, byte[]> store, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, not " + capacity);
        }
        this.store = store;
        this.capacity = capacity;
        restore();
    }

    /**
     * Re-reads what a previous owner of this task left unflushed. Flushed records in slots past this capacity
     * (left by a larger capacity before) are deleted; waiting ones stay where they are until drained.
     */
    private void restore() {
        byte[] mark = store.get(WATERMARK);
        long watermark = mark == null ? -1 : Long.parseLong(new String(mark, StandardCharsets.UTF_8));
        long maxSeq = watermark;
        List<Integer> stale = new ArrayList<>();
        try (KeyValueIterator<Integer, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<Integer, byte[]> entry = all.next();
                if (entry.key == WATERMARK) {
                    continue;
                }
                BufferedRecord record = BufferedRecord.fromBytes(entry.value);
                maxSeq = Math.max(maxSeq, record.seq());
                if (record.seq() > watermark) {
                    pending.add(record);
                } else if (entry.key >= capacity) {
                    stale.add(entry.key);
                }
            }
        }
        stale.forEach(store::delete);
        pending.sort(Comparator.comparingLong(BufferedRecord::seq));
        nextSeq = maxSeq + 1;
        holdsRestored = !pending.isEmpty();
    }

    /**
     * Whether a record fits in the buffer's changelog: with Kafka's default limits (the producer's
     * {@code max.request.size} and the broker's {@code message.max.bytes}, about 1 MiB each) a larger one could
     * never be written, and the task would fail on it at every retry. Such a record is scored without waiting.
     */
    static boolean fits(byte[] key, byte[] value, Map<String, byte[]> headers) {
        long size = (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        for (Map.Entry<String, byte[]> h : headers.entrySet()) {
            size += 3L * h.getKey().length() + (h.getValue() == null ? 0 : h.getValue().length) + 8;
        }
        return size <= LARGEST_BUFFERED_BYTES;
    }

    /** The seq the next record added must carry. */
    long nextSeq() {
        return nextSeq;
    }

    /** Adds a record that arrived with seq {@link #nextSeq()}: stored first, so a commit always covers it. */
    void add(BufferedRecord record) {
        if (isFull()) {
            throw new IllegalStateException("micro-batch is full or holds restored records: drain it before adding");
        }
        if (record.seq() != nextSeq) {
            throw new IllegalArgumentException(
                    "record seq " + record.seq() + " is not the buffer's next seq " + nextSeq + ": use nextSeq()");
        }
        nextSeq++;
        if (!record.topic().equals(topic)) {
            topic = record.topic();
            topicBytes = BufferedRecord.topicBytes(topic);
        }
        store.put((int) Math.floorMod(record.seq(), (long) capacity), record.toBytes(topicBytes));
        pending.add(record);
    }

    /** True when the batch must be drained before the next {@link #add}: it is full, or holds restored records. */
    boolean isFull() {
        return holdsRestored || pending.size() >= capacity;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    int size() {
        return pending.size();
    }

    /** Hands out the waiting records and marks them flushed; the caller must emit them before returning. */
    List<BufferedRecord> drain() {
        List<BufferedRecord> batch = List.copyOf(pending);
        pending.clear();
        holdsRestored = false;
        if (!batch.isEmpty()) {
            long last = batch.get(batch.size() - 1).seq();
            store.put(WATERMARK, Long.toString(last).getBytes(StandardCharsets.UTF_8));
        }
        return batch;
    }
}
