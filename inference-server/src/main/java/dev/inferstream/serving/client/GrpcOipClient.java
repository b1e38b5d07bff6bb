/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.client;

import com.google.protobuf.ByteString;
import dev.inferstream.serving.grpc.v2.GRPCInferenceServiceGrpc;
import dev.inferstream.serving.grpc.v2.InferParameter;
import dev.inferstream.serving.grpc.v2.InferTensorContents;
import dev.inferstream.serving.grpc.v2.ModelInferRequest;
import dev.inferstream.serving.grpc.v2.ModelInferResponse;
import dev.inferstream.serving.grpc.v2.ModelMetadataRequest;
import dev.inferstream.serving.grpc.v2.ModelMetadataResponse;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The gRPC client: the generated blocking stub; outputs read from {@code raw_output_contents}. */
final class GrpcOipClient implements OipClient {
    private final ManagedChannel channel;
    private final GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub;

    GrpcOipClient(String host, int port) {
        this.channel =
                ManagedChannelBuilder.forAddress(host, port).usePlaintext().build();
        this.stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
    }

    @Override
    public Prediction predict(String model, String version, Map<String, String> fields, String key) {
        try {
            ModelMetadataResponse metadata = stub.withDeadlineAfter(30, TimeUnit.SECONDS)
                    .modelMetadata(ModelMetadataRequest.newBuilder()
                            .setName(model)
                            .setVersion(version == null ? "" : version)
                            .build());
            FieldTypes types = FieldTypes.parse(metadata.getPropertiesMap().get("record_inputs"));
            String id = UUID.randomUUID().toString();
            ModelInferRequest.Builder request = ModelInferRequest.newBuilder()
                    .setModelName(model)
                    .setModelVersion(version == null ? "" : version)
                    .setId(id);
            if (key != null) {
                request.putParameters(
                        "key", InferParameter.newBuilder().setStringParam(key).build());
            }
            types.typed(fields).forEach((name, value) -> {
                ModelInferRequest.InferInputTensor.Builder input = ModelInferRequest.InferInputTensor.newBuilder()
                        .setName(name)
                        .addShape(1);
                if (value instanceof String text) {
                    input.setDatatype("BYTES")
                            .setContents(
                                    InferTensorContents.newBuilder().addBytesContents(ByteString.copyFromUtf8(text)));
                } else if (value instanceof List<?> numbers) {
                    InferTensorContents.Builder contents = InferTensorContents.newBuilder();
                    numbers.forEach(n -> contents.addFp64Contents((Double) n));
                    input.setDatatype("FP64").addShape(numbers.size()).setContents(contents);
                } else {
                    input.setDatatype("FP64")
                            .setContents(InferTensorContents.newBuilder().addFp64Contents((Double) value));
                }
                request.addInputs(input);
            });
            ModelInferResponse r = stub.withDeadlineAfter(30, TimeUnit.SECONDS).modelInfer(request.build());
            return prediction(r);
        } catch (StatusRuntimeException e) {
            throw new OipException(
                    e.getStatus().getCode().name(), String.valueOf(e.getStatus().getDescription()), e);
        }
    }

    private static Prediction prediction(ModelInferResponse r) {
        Map<String, List<Object>> outputs = new LinkedHashMap<>();
        for (int i = 0; i < r.getOutputsCount(); i++) {
            ByteBuffer raw = r.getRawOutputContents(i).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            List<Object> values = new ArrayList<>();
            if (r.getOutputs(i).getDatatype().equals("BYTES")) {
                while (raw.hasRemaining()) {
                    byte[] element = new byte[raw.getInt()];
                    raw.get(element);
                    values.add(new String(element, StandardCharsets.UTF_8));
                }
            } else {
                while (raw.remaining() >= 8) {
                    values.add(raw.getDouble());
                }
            }
            outputs.put(r.getOutputs(i).getName(), values);
        }
        Map<String, InferParameter> p = r.getParametersMap();
        return new Prediction(
                r.getModelName(),
                r.getModelVersion(),
                p.get("arm").getStringParam(),
                p.get("prediction_id").getStringParam(),
                p.get("sha256").getStringParam(),
                p.get("latency_us").getInt64Param(),
                r.getId(),
                outputs);
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
