/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.testkit.onnx;

import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A model contract with the fields whose mapping can fail in ways plain numbers cannot: an 8-wide float input
 * {@code features} filled from four numbers {@code f0..f3}, an array {@code vec} of exactly two numbers and a
 * categorical {@code country} one-hot over {@code [DE, FR]} (unknown categories refused). Any 8-input binary
 * classifier of {@link TestModels} serves it.
 */
public final class MixedFields {
    /** The input's width. */
    public static final int WIDTH = 8;

    /** Events of this contract; {@code vec} holds any number of values, so a wrong length can be written. */
    public static final Schema EVENT = SchemaBuilder.record("MixedEvent")
            .namespace("test.mixed")
            .fields()
            .requiredDouble("f0")
            .requiredDouble("f1")
            .requiredDouble("f2")
            .requiredDouble("f3")
            .name("vec")
            .type()
            .array()
            .items()
            .doubleType()
            .noDefault()
            .requiredString("country")
            .endRecord();

    private MixedFields() {}

    /** The {@code model.yaml} of version {@code version} of model {@code name}. */
    public static String manifest(String name, int version) {
        return "name: " + name + "\nversion: " + version + "\ninputs:\n  - name: features\n    type: float32\n"
                + "    fields: [f0, f1, f2, f3, {name: vec, length: 2},"
                + " {name: country, vocabulary: [DE, FR], encoding: onehot}]\noutputs:\n" + TestModels.BINARY_OUTPUTS;
    }

    /** An event of {@code country} with {@code vec} as given and fixed numbers. */
    public static GenericRecord event(String country, double... vec) {
        GenericRecord e = new GenericData.Record(EVENT);
        for (int f = 0; f < 4; f++) {
            e.put("f" + f, 0.25 * f);
        }
        e.put("vec", Arrays.stream(vec).boxed().toList());
        e.put("country", country);
        return e;
    }
}
