/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.job;

import dev.inferstream.batch.io.InputRow;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * A step between source and scoring that fails subtask 0 once, in its first attempt, after {@code after} rows;
 * before failing it runs {@code beforeFailing} (e.g. publishes a new model version). The first attempt is slowed
 * down a little so that checkpoints complete before the failure and the restart has state to restore.
 */
final class FailOnce extends RichMapFunction<InputRow, InputRow> {
    private static final AtomicInteger FAILURES = new AtomicInteger();

    /** Something to do in the first attempt just before it fails; must be serializable. */
    interface Action extends java.io.Serializable {
        void run() throws Exception;
    }

    private final long after;
    private final Action beforeFailing;
    private transient long seen;
    private transient boolean armed;

    FailOnce(long after) {
        this(after, () -> {});
    }

    FailOnce(long after, Action beforeFailing) {
        this.after = after;
        this.beforeFailing = beforeFailing;
    }

    /** Failures injected since the last first attempt began. */
    static int failures() {
        return FAILURES.get();
    }

    @Override
    public void open(OpenContext context) {
        var task = getRuntimeContext().getTaskInfo();
        armed = task.getAttemptNumber() == 0 && task.getIndexOfThisSubtask() == 0;
        if (armed) {
            FAILURES.set(0);
        }
    }

    @Override
    public InputRow map(InputRow row) throws Exception {
        if (!armed) {
            return row;
        }
        if (++seen % 1000 == 0) {
            Thread.sleep(50);
        }
        if (seen == after) {
            beforeFailing.run();
            FAILURES.incrementAndGet();
            throw new IllegalStateException("injected failure after " + after + " rows");
        }
        return row;
    }
}
