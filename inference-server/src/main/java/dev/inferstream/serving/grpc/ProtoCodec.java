/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.grpc;

import com.google.protobuf.ByteString;
import dev.inferstream.serving.grpc.v2.InferParameter;
import dev.inferstream.serving.grpc.v2.InferTensorContents;
import dev.inferstream.serving.grpc.v2.ModelInferRequest;
import dev.inferstream.serving.grpc.v2.ModelInferResponse;
import dev.inferstream.serving.grpc.v2.ModelMetadataResponse;
import dev.inferstream.serving.oip.DataType;
import dev.inferstream.serving.oip.InferRequest;
import dev.inferstream.serving.oip.InferResponse;
import dev.inferstream.serving.oip.ModelMetadata;
import dev.inferstream.serving.oip.RequestedOutput;
import dev.inferstream.serving.oip.ServingException;
import dev.inferstream.serving.oip.Tensor;
import dev.inferstream.serving.oip.TensorMetadata;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates the gRPC messages: inputs from typed {@code contents} or {@code raw_input_contents}; outputs always
 * as {@code raw_output_contents} (what tritonclient's {@code as_numpy} reads), little-endian, BYTES elements
 * length-prefixed.
 */
final class ProtoCodec {
    private ProtoCodec() {}

    static InferRequest request(ModelInferRequest request) {
        int raw = request.getRawInputContentsCount();
        if (raw > 0 && raw != request.getInputsCount()) {
            throw ServingException.invalid("raw_input_contents has " + raw + " entries for " + request.getInputsCount()
                    + " inputs; give one per input, in input order");
        }
        List<Tensor> inputs = new ArrayList<>(request.getInputsCount());
        for (int i = 0; i < request.getInputsCount(); i++) {
            ModelInferRequest.InferInputTensor input = request.getInputs(i);
            DataType type = DataType.parse(input.getDatatype(), input.getName());
            long[] shape =
                    input.getShapeList().stream().mapToLong(Long::longValue).toArray();
            if (raw > 0) {
                if (input.hasContents()) {
                    throw ServingException.invalid("input '" + input.getName()
                            + "' has contents while raw_input_contents is used; use one or the other");
                }
                inputs.add(Tensor.fromBinary(
                        input.getName(),
                        type,
                        shape,
                        request.getRawInputContents(i).asReadOnlyByteBuffer()));
            } else {
                inputs.add(typed(input.getName(), type, shape, input.getContents()));
            }
        }
        List<RequestedOutput> outputs = new ArrayList<>(request.getOutputsCount());
        for (ModelInferRequest.InferRequestedOutputTensor output : request.getOutputsList()) {
            outputs.add(new RequestedOutput(output.getName(), parameters(output.getParametersMap())));
        }
        String version = request.getModelVersion().isEmpty() ? null : request.getModelVersion();
        String id = request.getId().isEmpty() ? null : request.getId();
        return new InferRequest(
                request.getModelName(), version, id, parameters(request.getParametersMap()), inputs, outputs);
    }

    private static Tensor typed(String name, DataType type, long[] shape, InferTensorContents c) {
        if (type == DataType.BYTES) {
            byte[][] elements = new byte[c.getBytesContentsCount()][];
            for (int i = 0; i < elements.length; i++) {
                elements[i] = c.getBytesContents(i).toByteArray();
            }
            return Tensor.bytes(name, shape, elements);
        }
        int n = switch (type) {
            case BOOL -> c.getBoolContentsCount();
            case INT8, INT16, INT32 -> c.getIntContentsCount();
            case INT64 -> c.getInt64ContentsCount();
            case UINT8, UINT16, UINT32 -> c.getUintContentsCount();
            case UINT64 -> c.getUint64ContentsCount();
            case FP32 -> c.getFp32ContentsCount();
            case FP64 -> c.getFp64ContentsCount();
            default -> 0;
        };
        ByteBuffer out = ByteBuffer.allocate(n * Math.max(1, type.size())).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            switch (type) {
                case BOOL -> out.put(i, (byte) (c.getBoolContents(i) ? 1 : 0));
                case INT8 -> out.put(i, (byte) c.getIntContents(i));
                case INT16 -> out.putShort(i * 2, (short) c.getIntContents(i));
                case INT32 -> out.putInt(i * 4, c.getIntContents(i));
                case INT64 -> out.putLong(i * 8, c.getInt64Contents(i));
                case UINT8 -> out.put(i, (byte) c.getUintContents(i));
                case UINT16 -> out.putShort(i * 2, (short) c.getUintContents(i));
                case UINT32 -> out.putInt(i * 4, c.getUintContents(i));
                case UINT64 -> out.putLong(i * 8, c.getUint64Contents(i));
                case FP32 -> out.putFloat(i * 4, c.getFp32Contents(i));
                case FP64 -> out.putDouble(i * 8, c.getFp64Contents(i));
                default -> throw new IllegalStateException(type.name());
            }
        }
        return Tensor.numeric(name, type, shape, out, null);
    }

    private static Map<String, Object> parameters(Map<String, InferParameter> parameters) {
        Map<String, Object> out = new LinkedHashMap<>();
        parameters.forEach((name, p) -> {
            Object value = switch (p.getParameterChoiceCase()) {
                case BOOL_PARAM -> p.getBoolParam();
                case INT64_PARAM -> p.getInt64Param();
                case STRING_PARAM -> p.getStringParam();
                case DOUBLE_PARAM -> p.getDoubleParam();
                case UINT64_PARAM -> p.getUint64Param();
                case PARAMETERCHOICE_NOT_SET -> null;
            };
            if (value != null) {
                out.put(name, value);
            }
        });
        return out;
    }

    static ModelInferResponse response(InferResponse response) {
        ModelInferResponse.Builder out = ModelInferResponse.newBuilder()
                .setModelName(response.modelName())
                .setModelVersion(response.modelVersion())
                .setId(response.id());
        response.parameters().forEach((name, value) -> out.putParameters(name, parameter(value)));
        for (Tensor t : response.outputs()) {
            ModelInferResponse.InferOutputTensor.Builder tensor = ModelInferResponse.InferOutputTensor.newBuilder()
                    .setName(t.name())
                    .setDatatype(t.datatype().name());
            for (long d : t.shape()) {
                tensor.addShape(d);
            }
            out.addOutputs(tensor);
            out.addRawOutputContents(ByteString.copyFrom(t.binary()));
        }
        return out.build();
    }

    static InferParameter parameter(Object value) {
        InferParameter.Builder p = InferParameter.newBuilder();
        if (value instanceof Boolean b) {
            p.setBoolParam(b);
        } else if (value instanceof Long n) {
            p.setInt64Param(n);
        } else if (value instanceof Integer n) {
            p.setInt64Param(n);
        } else if (value instanceof Double d) {
            p.setDoubleParam(d);
        } else {
            p.setStringParam(String.valueOf(value));
        }
        return p.build();
    }

    static ModelMetadataResponse metadata(ModelMetadata m) {
        ModelMetadataResponse.Builder out = ModelMetadataResponse.newBuilder()
                .setName(m.name())
                .addAllVersions(m.versions())
                .setPlatform(m.platform())
                .putAllProperties(m.properties());
        for (TensorMetadata t : m.inputs()) {
            out.addInputs(tensor(t));
        }
        for (TensorMetadata t : m.outputs()) {
            out.addOutputs(tensor(t));
        }
        return out.build();
    }

    private static ModelMetadataResponse.TensorMetadata tensor(TensorMetadata t) {
        return ModelMetadataResponse.TensorMetadata.newBuilder()
                .setName(t.name())
                .setDatatype(t.datatype().name())
                .addAllShape(t.shape())
                .build();
    }
}
