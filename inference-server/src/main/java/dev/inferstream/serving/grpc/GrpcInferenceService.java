/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.grpc;

import dev.inferstream.serving.ServingListener;
import dev.inferstream.serving.grpc.v2.GRPCInferenceServiceGrpc;
import dev.inferstream.serving.grpc.v2.ModelInferRequest;
import dev.inferstream.serving.grpc.v2.ModelInferResponse;
import dev.inferstream.serving.grpc.v2.ModelMetadataRequest;
import dev.inferstream.serving.grpc.v2.ModelMetadataResponse;
import dev.inferstream.serving.grpc.v2.ModelReadyRequest;
import dev.inferstream.serving.grpc.v2.ModelReadyResponse;
import dev.inferstream.serving.grpc.v2.ServerLiveRequest;
import dev.inferstream.serving.grpc.v2.ServerLiveResponse;
import dev.inferstream.serving.grpc.v2.ServerMetadataRequest;
import dev.inferstream.serving.grpc.v2.ServerMetadataResponse;
import dev.inferstream.serving.grpc.v2.ServerReadyRequest;
import dev.inferstream.serving.grpc.v2.ServerReadyResponse;
import dev.inferstream.serving.oip.InferRequest;
import dev.inferstream.serving.oip.InferenceService;
import dev.inferstream.serving.oip.Protocol;
import dev.inferstream.serving.oip.ServerMetadata;
import dev.inferstream.serving.oip.ServingException;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code inference.GRPCInferenceService}: maps each call to the {@link InferenceService} and back. */
final class GrpcInferenceService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcInferenceService.class);

    private final InferenceService service;
    private final ServingListener listener;

    GrpcInferenceService(InferenceService service, ServingListener listener) {
        this.service = service;
        this.listener = listener;
    }

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> response) {
        answer(response, () -> ServerLiveResponse.newBuilder().setLive(true).build());
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> response) {
        answer(
                response,
                () -> ServerReadyResponse.newBuilder().setReady(service.ready()).build());
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> response) {
        answer(
                response,
                () -> ModelReadyResponse.newBuilder()
                        .setReady(service.modelReady(request.getName(), version(request.getVersion())))
                        .build());
    }

    @Override
    public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> response) {
        answer(response, () -> {
            ServerMetadata m = service.serverMetadata();
            return ServerMetadataResponse.newBuilder()
                    .setName(m.name())
                    .setVersion(m.version())
                    .addAllExtensions(m.extensions())
                    .build();
        });
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> response) {
        answer(
                response,
                () -> ProtoCodec.metadata(service.modelMetadata(request.getName(), version(request.getVersion()))));
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> response) {
        long start = System.nanoTime();
        String model = request.getModelName();
        ServingException.Status failed = null;
        try {
            InferRequest parsed = ProtoCodec.request(request);
            ModelInferResponse answer = ProtoCodec.response(service.infer(parsed, Protocol.GRPC));
            response.onNext(answer);
            response.onCompleted();
        } catch (ServingException e) {
            failed = e.status();
            response.onError(status(e).asRuntimeException());
        } catch (RuntimeException e) {
            failed = ServingException.Status.INTERNAL;
            LOG.error("ModelInfer of {} failed", model, e);
            response.onError(
                    Status.INTERNAL.withDescription("internal error: " + e).asRuntimeException());
        } finally {
            listener.answered(
                    Protocol.GRPC,
                    failed == ServingException.Status.NOT_FOUND ? null : model,
                    failed,
                    System.nanoTime() - start);
        }
    }

    private static String version(String version) {
        return version == null || version.isEmpty() ? null : version;
    }

    private static <T> void answer(StreamObserver<T> response, Supplier<T> answer) {
        try {
            response.onNext(answer.get());
            response.onCompleted();
        } catch (ServingException e) {
            response.onError(status(e).asRuntimeException());
        } catch (RuntimeException e) {
            LOG.error("gRPC call failed", e);
            response.onError(
                    Status.INTERNAL.withDescription("internal error: " + e).asRuntimeException());
        }
    }

    static Status status(ServingException e) {
        Status status = switch (e.status()) {
            case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
            case NOT_FOUND -> Status.NOT_FOUND;
            case RESOURCE_EXHAUSTED -> Status.RESOURCE_EXHAUSTED;
            case UNAVAILABLE -> Status.UNAVAILABLE;
            case INTERNAL -> Status.INTERNAL;
        };
        return status.withDescription(e.getMessage());
    }
}
