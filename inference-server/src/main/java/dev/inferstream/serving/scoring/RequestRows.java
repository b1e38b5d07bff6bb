/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving.scoring;

import dev.inferstream.model.features.FieldSource;
import dev.inferstream.model.manifest.FieldSpec;
import dev.inferstream.model.manifest.InputSpec;
import dev.inferstream.model.manifest.ModelManifest;
import dev.inferstream.serving.oip.DataType;
import dev.inferstream.serving.oip.ServingException;
import dev.inferstream.serving.oip.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a request's inputs into one row per record for the model library. A request is in <b>tensor form</b> when
 * its inputs are the model's ONNX inputs ({@code [N, width]} each, the model's datatypes), otherwise in <b>record
 * form</b>: one input per manifest field ({@code [N]}, or {@code [N, k]} for an array field). Which fields and
 * tensors exist is the union over the versions the deployment serves, since any of them may score a row.
 */
final class RequestRows {
    /** The two ways a request can give its inputs. */
    enum Form {
        TENSOR,
        RECORD
    }

    /** The rows of one request and the form they were given in. */
    record Rows(Form form, List<FieldSource> rows) {}

    private RequestRows() {}

    static Rows of(List<Tensor> inputs, Collection<ModelManifest> manifests) {
        if (inputs.isEmpty()) {
            throw ServingException.invalid("the request has no inputs; give the model's tensors "
                    + tensorNames(manifests).keySet() + " or its fields " + fieldNames(manifests));
        }
        Map<String, Tensor> byName = new LinkedHashMap<>();
        for (Tensor t : inputs) {
            if (byName.put(t.name(), t) != null) {
                throw ServingException.invalid("input '" + t.name() + "' is given twice");
            }
        }
        Map<String, DataType> tensors = tensorNames(manifests);
        Set<String> fields = fieldNames(manifests);
        boolean tensorForm = byName.values().stream()
                .allMatch(t -> tensors.containsKey(t.name())
                        && (!fields.contains(t.name()) || tensors.get(t.name()) == t.datatype()));
        return tensorForm ? tensorForm(byName) : recordForm(byName, tensors, fields);
    }

    private static Rows tensorForm(Map<String, Tensor> inputs) {
        int rows = -1;
        for (Tensor t : inputs.values()) {
            if (t.rank() != 2) {
                throw ServingException.invalid("input '" + t.name() + "': shape " + Arrays.toString(t.shape())
                        + " must be [rows, values per row]");
            }
            if (t.hasMissing()) {
                throw ServingException.invalid("input '" + t.name() + "': null elements are not allowed in tensor "
                        + "form (give the fields by name to use the manifest's defaults)");
            }
            rows = sameRows(rows, t);
        }
        List<FieldSource> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            out.add(new TensorFormRow(inputs, r));
        }
        return new Rows(Form.TENSOR, out);
    }

    private static Rows recordForm(Map<String, Tensor> inputs, Map<String, DataType> tensors, Set<String> fields) {
        int rows = -1;
        for (Tensor t : inputs.values()) {
            if (!fields.contains(t.name())) {
                throw ServingException.invalid("unknown input '" + t.name() + "': give either the model's tensors "
                        + tensors.keySet() + " (tensor form, with their datatypes) or its fields " + fields
                        + " (record form)");
            }
            if (t.rank() < 1 || t.rank() > 2) {
                throw ServingException.invalid("input '" + t.name() + "': shape " + Arrays.toString(t.shape())
                        + " must be [rows] for a field, or [rows, length] for an array field");
            }
            rows = sameRows(rows, t);
        }
        List<FieldSource> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            out.add(new RecordFormRow(inputs, r));
        }
        return new Rows(Form.RECORD, out);
    }

    private static int sameRows(int rows, Tensor t) {
        long n = t.dim(0);
        if (n < 1) {
            throw ServingException.invalid(
                    "input '" + t.name() + "' has no rows (shape " + Arrays.toString(t.shape()) + ")");
        }
        if (rows >= 0 && n != rows) {
            throw ServingException.invalid("input '" + t.name() + "' has " + n + " rows but another input has " + rows
                    + "; every input needs the same first dimension");
        }
        return (int) n;
    }

    /** The ONNX input names of every version, with their datatypes. */
    static Map<String, DataType> tensorNames(Collection<ModelManifest> manifests) {
        Map<String, DataType> names = new LinkedHashMap<>();
        for (ModelManifest m : manifests) {
            for (InputSpec input : m.inputs()) {
                names.putIfAbsent(input.tensor(), DataType.of(input.type()));
            }
        }
        return names;
    }

    /** The field paths of every version, in manifest order. */
    static Set<String> fieldNames(Collection<ModelManifest> manifests) {
        Set<String> names = new LinkedHashSet<>();
        for (ModelManifest m : manifests) {
            for (InputSpec input : m.inputs()) {
                for (FieldSpec field : input.fields()) {
                    names.add(field.path().text());
                }
            }
        }
        return names;
    }
}
