/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.bench.serving;

import dev.inferstream.serving.grpc.v2.GRPCInferenceServiceGrpc;
import dev.inferstream.serving.grpc.v2.ModelInferRequest;
import dev.inferstream.serving.grpc.v2.ModelInferResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop gRPC load generator: {@code clients} calls in flight on one HTTP/2 channel, each issuing the next as
 * its answer arrives (callbacks on the transport threads). With a fixed pace, calls are started on schedule instead.
 */
final class GrpcLoad {
    private GrpcLoad() {}

    static LoadResult run(
            int port, ModelInferRequest request, int clients, long intervalNanos, Duration warmup, Duration measure)
            throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port)
                .usePlaintext()
                .directExecutor()
                .build();
        GRPCInferenceServiceGrpc.GRPCInferenceServiceStub stub = GRPCInferenceServiceGrpc.newStub(channel);
        Phase phase = new Phase();
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[clients];
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        ScheduledExecutorService pacer = intervalNanos > 0 ? Executors.newScheduledThreadPool(1) : null;
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[4_000_000 / clients + 10_000];
            latencies.add(mine);
            int index = c;
            Runnable[] call = new Runnable[1];
            long[] intended = {System.nanoTime() + (intervalNanos > 0 ? intervalNanos * index / clients : 0)};
            call[0] = () -> {
                if (phase.stopped()) {
                    done.countDown();
                    return;
                }
                long start = intervalNanos > 0 ? intended[0] : System.nanoTime();
                stub.modelInfer(request, new StreamObserver<>() {
                    @Override
                    public void onNext(ModelInferResponse value) {}

                    @Override
                    public void onError(Throwable t) {
                        errors.incrementAndGet();
                        finish();
                    }

                    @Override
                    public void onCompleted() {
                        finish();
                    }

                    private void finish() {
                        long took = System.nanoTime() - start;
                        if (phase.measuring() && counts[index] < mine.length) {
                            mine[counts[index]++] = took;
                        }
                        if (pacer == null) {
                            call[0].run();
                        } else {
                            intended[0] += intervalNanos;
                            pacer.schedule(call[0], Math.max(0, intended[0] - System.nanoTime()), TimeUnit.NANOSECONDS);
                        }
                    }
                });
            };
            if (pacer == null) {
                call[0].run();
            } else {
                pacer.schedule(call[0], Math.max(0, intended[0] - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        }
        double seconds = phase.drive(warmup, measure);
        done.await(30, TimeUnit.SECONDS);
        if (pacer != null) {
            pacer.shutdownNow();
        }
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        return LoadResult.of(latencies, counts, seconds, errors.get());
    }
}
