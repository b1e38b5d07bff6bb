/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The micro-batch buffer over a real in-memory store. A new buffer over the same store is what the next owner of
 * the task sees after a crash or a rebalance (the store holds what the changelog restores).
 */
class MicroBatchBufferTest {
    private KeyValueStore<Integer, byte[]> store;
    private long offset;

    @BeforeEach
    void setUp() {
        store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore("buffer"), Serdes.Integer(), Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @Test
    void recordsWaitingAtACrashBetweenWriteAndFlushAreRestoredInOrder() {
        MicroBatchBuffer first = new MicroBatchBuffer(store, 8);
        List<Long> added = add(first, 5);

        MicroBatchBuffer next = new MicroBatchBuffer(store, 8);

        assertThat(offsets(next.drain())).containsExactlyElementsOf(added);
    }

    @Test
    void drainedRecordsAreNotRestored() {
        MicroBatchBuffer first = new MicroBatchBuffer(store, 8);
        add(first, 8);
        first.drain();
        List<Long> waiting = add(first, 3);

        MicroBatchBuffer next = new MicroBatchBuffer(store, 8);

        assertThat(offsets(next.drain())).containsExactlyElementsOf(waiting);
    }

    @Test
    void restoreWithASmallerBatchSizeLosesNoWaitingRecord_issue12() {
        MicroBatchBuffer large = new MicroBatchBuffer(store, 1000);
        List<Long> waiting = add(large, 25);

        MicroBatchBuffer small = new MicroBatchBuffer(store, 8);
        assertThat(small.isFull())
                .as("restored records are drained before new ones are accepted")
                .isTrue();
        assertThatThrownBy(() -> add(small, 1)).isInstanceOf(IllegalStateException.class);
        assertThat(offsets(small.drain())).containsExactlyElementsOf(waiting);
        List<Long> newer = add(small, 8);

        assertThat(offsets(new MicroBatchBuffer(store, 8).drain())).containsExactlyElementsOf(newer);
    }

    @Test
    void restoreWithALargerBatchSizeLosesNoWaitingRecord_issue12() {
        MicroBatchBuffer small = new MicroBatchBuffer(store, 4);
        accept(small, 4);
        small.drain();
        List<Long> waiting = accept(small, 2);

        MicroBatchBuffer large = new MicroBatchBuffer(store, 8);
        List<Long> emitted = new ArrayList<>();
        List<Long> newer = accept(large, 6, emitted);

        assertThat(emitted).as("restored records go first").containsExactlyElementsOf(waiting);
        assertThat(offsets(new MicroBatchBuffer(store, 8).drain()))
                .as("a crash now finds every record not yet emitted")
                .containsExactlyElementsOf(newer);
    }

    @Test
    void flushedSlotsBeyondASmallerCapacityAreCleanedUp() {
        MicroBatchBuffer large = new MicroBatchBuffer(store, 16);
        add(large, 16);
        large.drain();

        new MicroBatchBuffer(store, 4);

        assertThat(store.approximateNumEntries())
                .as("4 slots and the watermark at most")
                .isLessThanOrEqualTo(5);
    }

    /**
     * Random arrivals, punctuations and restarts with random batch sizes (seeded), handled as the processor does
     * (a full batch is drained before the next record is added): after every restart the buffer holds exactly the
     * records not yet emitted, in arrival order, and every record is emitted once.
     */
    @Test
    void anySequenceOfRestartsWithAnyBatchSizesLosesAndRepeatsNothing() {
        Random random = new Random(12);
        MicroBatchBuffer buffer = new MicroBatchBuffer(store, 1 + random.nextInt(20));
        List<Long> emitted = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            int action = random.nextInt(100);
            if (action < 90) {
                accept(buffer, 1, emitted);
            } else if (action < 95) {
                emitted.addAll(offsets(buffer.drain()));
            } else {
                buffer = new MicroBatchBuffer(store, 1 + random.nextInt(20));
                assertThat(buffer.size()).as("restored at step " + step).isEqualTo(offset - emitted.size());
            }
        }
        emitted.addAll(offsets(buffer.drain()));
        assertThat(emitted).hasSize((int) offset).doesNotHaveDuplicates().isSorted();
    }

    /** Adds records as the scoring processor does: a full batch (or restored records) is drained first. */
    private List<Long> accept(MicroBatchBuffer buffer, int count, List<Long> emitted) {
        List<Long> added = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (buffer.isFull()) {
                List<Long> drained = offsets(buffer.drain());
                emitted.addAll(drained);
                added.removeAll(drained);
            }
            added.addAll(add(buffer, 1));
        }
        return added;
    }

    private List<Long> accept(MicroBatchBuffer buffer, int count) {
        return accept(buffer, count, new ArrayList<>());
    }

    private List<Long> add(MicroBatchBuffer buffer, int count) {
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long o = offset++;
            buffer.add(new BufferedRecord(
                    buffer.nextSeq(), "in", 0, o, 1_000 + o, new byte[] {(byte) o}, ("v" + o).getBytes(), Map.of(), 0));
            offsets.add(o);
        }
        return offsets;
    }

    private static List<Long> offsets(List<BufferedRecord> records) {
        return records.stream().map(BufferedRecord::offset).toList();
    }
}
