/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.scoring;

import dev.inferstream.model.envelope.RecordScorer;
import dev.inferstream.serving.BatchSettings;
import dev.inferstream.serving.ServingListener;
import dev.inferstream.serving.oip.ServingException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers concurrent requests for one model into one inference call, like Triton's dynamic batcher: a worker takes
 * the oldest waiting request, adds the requests that arrive within the queue delay up to the batch size, and scores
 * them together through the shared record path (which routes each row and groups rows by version). Rows are scored
 * independently, so each request's results are those it would get alone.
 */
final class DynamicBatcher implements RowScorer {
    private static final Logger LOG = LoggerFactory.getLogger(DynamicBatcher.class);

    private final String model;
    private final RecordScorer scorer;
    private final BatchSettings settings;
    private final ServingListener listener;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile boolean running = true;
    private Job carried;

    DynamicBatcher(String model, RecordScorer scorer, BatchSettings settings, ServingListener listener) {
        this.model = model;
        this.scorer = scorer;
        this.settings = settings;
        this.listener = listener;
        this.worker = new Thread(this::run, "oip-batcher-" + model);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    @Override
    public List<RecordScorer.Result> score(List<RecordScorer.Input> inputs) {
        Job job = new Job(inputs);
        queue.add(job);
        if (!running) {
            failWaiting();
        }
        try {
            return job.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServingException(ServingException.Status.UNAVAILABLE, "interrupted while waiting for the model");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void run() {
        while (running) {
            try {
                Job first = carried != null ? carried : queue.poll(100, TimeUnit.MILLISECONDS);
                carried = null;
                if (first != null) {
                    scoreTogether(gather(first));
                }
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                LOG.error("batcher of {} failed; it keeps serving", model, e);
            }
        }
        failWaiting();
    }

    /** The first job plus those arriving within the queue delay, up to the batch size. */
    private List<Job> gather(Job first) throws InterruptedException {
        List<Job> jobs = new ArrayList<>();
        jobs.add(first);
        int rows = first.inputs.size();
        long deadline = System.nanoTime() + settings.maxDelay().toNanos();
        while (rows < settings.maxRows()) {
            Job next = queue.poll();
            if (next == null) {
                long wait = deadline - System.nanoTime();
                if (wait <= 0 || (next = queue.poll(wait, TimeUnit.NANOSECONDS)) == null) {
                    break;
                }
            }
            if (rows + next.inputs.size() > settings.maxRows()) {
                carried = next;
                break;
            }
            jobs.add(next);
            rows += next.inputs.size();
        }
        return jobs;
    }

    private void scoreTogether(List<Job> jobs) {
        List<RecordScorer.Input> all;
        if (jobs.size() == 1) {
            all = jobs.get(0).inputs;
        } else {
            all = new ArrayList<>();
            jobs.forEach(j -> all.addAll(j.inputs));
        }
        List<RecordScorer.Result> results;
        long start = System.nanoTime();
        try {
            results = scorer.score(all);
        } catch (RuntimeException e) {
            jobs.forEach(j -> j.result.completeExceptionally(e));
            return;
        }
        listener.batch(model, all.size(), System.nanoTime() - start);
        int from = 0;
        for (Job job : jobs) {
            int to = from + job.inputs.size();
            job.result.complete(results.subList(from, to));
            from = to;
        }
    }

    private void failWaiting() {
        ServingException stopping =
                new ServingException(ServingException.Status.UNAVAILABLE, "the server is stopping; retry elsewhere");
        Job job;
        while ((job = queue.poll()) != null) {
            job.result.completeExceptionally(stopping);
        }
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (carried != null) {
            carried.result.completeExceptionally(new ServingException(
                    ServingException.Status.UNAVAILABLE, "the server is stopping; retry elsewhere"));
        }
        failWaiting();
    }

    /** One request waiting for its rows to be scored. */
    private static final class Job {
        final List<RecordScorer.Input> inputs;
        final CompletableFuture<List<RecordScorer.Result>> result = new CompletableFuture<>();

        Job(List<RecordScorer.Input> inputs) {
            this.inputs = inputs;
        }
    }
}
