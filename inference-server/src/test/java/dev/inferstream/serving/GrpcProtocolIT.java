/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import dev.inferstream.model.routing.DeploymentSpec;
import dev.inferstream.model.routing.RolloutPolicy;
import dev.inferstream.serving.grpc.v2.GRPCInferenceServiceGrpc;
import dev.inferstream.serving.grpc.v2.InferParameter;
import dev.inferstream.serving.grpc.v2.InferTensorContents;
import dev.inferstream.serving.grpc.v2.ModelInferRequest;
import dev.inferstream.serving.grpc.v2.ModelInferRequest.InferInputTensor;
import dev.inferstream.serving.grpc.v2.ModelInferResponse;
import dev.inferstream.serving.grpc.v2.ModelMetadataRequest;
import dev.inferstream.serving.grpc.v2.ModelMetadataResponse;
import dev.inferstream.serving.grpc.v2.ModelReadyRequest;
import dev.inferstream.serving.grpc.v2.ServerLiveRequest;
import dev.inferstream.serving.grpc.v2.ServerMetadataRequest;
import dev.inferstream.serving.grpc.v2.ServerReadyRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gRPC service of the Open Inference Protocol against a started server, with the generated grpc-java stub. */
class GrpcProtocolIT {
    @TempDir
    static Path dir;

    static ServingFixture fixture;
    static ManagedChannel channel;
    static GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServingFixture(dir);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", fixture.server.grpcPort())
                .usePlaintext()
                .build();
        stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        fixture.close();
    }

    @Test
    void healthAndMetadataCalls() {
        assertThat(stub.serverLive(ServerLiveRequest.getDefaultInstance()).getLive())
                .isTrue();
        assertThat(stub.serverReady(ServerReadyRequest.getDefaultInstance()).getReady())
                .isTrue();
        assertThat(stub.serverMetadata(ServerMetadataRequest.getDefaultInstance())
                        .getExtensionsList())
                .contains("binary_tensor_data");
        assertThat(stub.modelReady(
                                ModelReadyRequest.newBuilder().setName("fraud").build())
                        .getReady())
                .isTrue();
        ModelMetadataResponse m = stub.modelMetadata(
                ModelMetadataRequest.newBuilder().setName("fraud").build());
        assertThat(m.getPlatform()).isEqualTo("onnx_onnxv1");
        assertThat(m.getInputs(0).getName()).isEqualTo("features");
        assertThat(m.getInputs(0).getShapeList()).containsExactly(-1L, 5L);
        assertThat(m.getPropertiesMap().get("record_inputs")).contains("\"name\":\"channel\"");
        assertThat(code(() -> stub.modelMetadata(
                        ModelMetadataRequest.newBuilder().setName("churn").build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(code(() -> stub.modelReady(ModelReadyRequest.newBuilder()
                        .setName("fraud")
                        .setVersion("7")
                        .build())))
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void typedContentsInTensorFormScoreLikeTheKafkaPath() {
        ModelInferResponse r = stub.modelInfer(ModelInferRequest.newBuilder()
                .setModelName("fraud")
                .setId("g-1")
                .addInputs(InferInputTensor.newBuilder()
                        .setName("features")
                        .setDatatype("FP32")
                        .addAllShape(List.of(1L, 5L))
                        .setContents(
                                InferTensorContents.newBuilder().addAllFp32Contents(List.of(42.5f, 0f, 1f, 0f, 0f))))
                .build());
        assertThat(r.getId()).isEqualTo("g-1");
        assertThat(r.getModelVersion()).isEqualTo("1");
        assertThat(r.getParametersMap().get("arm").getStringParam()).isEqualTo("stable");
        assertThat(r.getParametersMap().get("prediction_id").getStringParam()).hasSize(32);
        assertThat(r.getRawOutputContentsCount()).isEqualTo(r.getOutputsCount());
        assertThat(score(r))
                .isEqualTo(fixture.kafkaPath(42.5, "ecommerce", null).getScore());
    }

    @Test
    void rawContentsInRecordFormWithAPinnedVersion() throws Exception {
        fixture.deploy(new DeploymentSpec("fraud", RolloutPolicy.stable(1), List.of(), List.of(2), 5));
        try {
            byte[] channelName = "atm".getBytes(StandardCharsets.UTF_8);
            ByteBuffer bytes = ByteBuffer.allocate(4 + channelName.length).order(ByteOrder.LITTLE_ENDIAN);
            bytes.putInt(channelName.length).put(channelName);
            ModelInferRequest request = ModelInferRequest.newBuilder()
                    .setModelName("fraud")
                    .setModelVersion("2")
                    .putParameters(
                            "key",
                            InferParameter.newBuilder().setStringParam("card-9").build())
                    .addInputs(input("amount", "FP64", 1))
                    .addInputs(input("channel", "BYTES", 1))
                    .addRawInputContents(ByteString.copyFrom(ByteBuffer.allocate(8)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putDouble(0, 77.0)))
                    .addRawInputContents(ByteString.copyFrom(bytes.array()))
                    .build();
            ModelInferResponse r = stub.modelInfer(request);
            assertThat(r.getModelVersion()).isEqualTo("2");
            assertThat(r.getParametersMap().get("arm").getStringParam()).isEqualTo("pinned");
            fixture.deploy(DeploymentSpec.stable("fraud", 2));
            assertThat(score(r)).isEqualTo(fixture.kafkaPath(77.0, "atm", null).getScore());
            assertThat(code(() -> stub.modelInfer(
                            request.toBuilder().setModelVersion("3").build())))
                    .isEqualTo(Status.Code.NOT_FOUND);
        } finally {
            fixture.deploy(DeploymentSpec.stable("fraud", 1));
        }
    }

    @Test
    void badRequestsAreInvalidArgumentNamingTheInput() {
        assertInvalid(
                ModelInferRequest.newBuilder()
                        .setModelName("fraud")
                        .addInputs(input("features", "FP32", 1, 4)
                                .setContents(
                                        InferTensorContents.newBuilder().addAllFp32Contents(List.of(1f, 2f, 3f, 4f))))
                        .build(),
                "features",
                "the model takes 5");
        assertInvalid(
                ModelInferRequest.newBuilder()
                        .setModelName("fraud")
                        .addInputs(input("channel", "BYTES", 1)
                                .setContents(InferTensorContents.newBuilder()
                                        .addBytesContents(ByteString.copyFromUtf8("pos"))))
                        .build(),
                "amount",
                "MISSING_FIELD");
        assertInvalid(
                ModelInferRequest.newBuilder()
                        .setModelName("fraud")
                        .addInputs(input("amount", "FP64", 1)
                                .setContents(InferTensorContents.newBuilder().addFp64Contents(1)))
                        .addInputs(input("channel", "BYTES", 1)
                                .setContents(InferTensorContents.newBuilder()
                                        .addBytesContents(ByteString.copyFromUtf8("mars"))))
                        .build(),
                "channel",
                "UNKNOWN_CATEGORY");
        assertInvalid(
                ModelInferRequest.newBuilder()
                        .setModelName("fraud")
                        .addInputs(input("amount", "FP64", 1))
                        .addRawInputContents(ByteString.copyFrom(new byte[4]))
                        .build(),
                "amount",
                "not a whole number of FP64 elements");
        StatusRuntimeException tooLarge = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> stub.modelInfer(ModelInferRequest.newBuilder()
                        .setModelName("fraud")
                        .setId("x".repeat(70_000))
                        .build()));
        assertThat(tooLarge.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    }

    private static void assertInvalid(ModelInferRequest request, String input, String problem) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> stub.modelInfer(request));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(e.getStatus().getDescription()).contains(input).contains(problem);
    }

    private static InferInputTensor.Builder input(String name, String datatype, long... shape) {
        InferInputTensor.Builder input =
                InferInputTensor.newBuilder().setName(name).setDatatype(datatype);
        for (long d : shape) {
            input.addShape(d);
        }
        return input;
    }

    /** The {@code score} output, read from the raw output contents as tritonclient does. */
    static double score(ModelInferResponse r) {
        for (int i = 0; i < r.getOutputsCount(); i++) {
            if (r.getOutputs(i).getName().equals("score")) {
                assertThat(r.getOutputs(i).getDatatype()).isEqualTo("FP64");
                return r.getRawOutputContents(i)
                        .asReadOnlyByteBuffer()
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getDouble(0);
            }
        }
        throw new AssertionError("no score output");
    }

    private static Status.Code code(Runnable call) {
        return catchThrowableOfType(StatusRuntimeException.class, call::run)
                .getStatus()
                .getCode();
    }
}
