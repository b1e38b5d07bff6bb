/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.routing;

import dev.inferstream.model.features.FieldSource;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Decides which version scores a record. Pure and deterministic: the same spec and record give the same decision
 * in the streaming scorer and the batch scorer, in every run and after every restart. Precedence: the
 * {@code ml.model.version} header pin, then the policy's split by sticky bucket, then stable.
 *
 * <p>A split's bucket comes from the first of: the record key; the value of the deployment's key field; the
 * record's identity (its lineage: topic, partition and offset, or file and row). Never from chance.
 */
public final class Router {
    /** Header that pins the version for one record: its value is the version number as text. */
    public static final String VERSION_HEADER = "ml.model.version";

    private Router() {}

    /**
     * Routes a record that has a key (or that the policy does not split).
     *
     * @param key the record key the split is sticky on
     * @throws RoutingException when the pin header is not a number or names a version the spec does not serve, or
     *     when the policy splits and the record has no key
     */
    public static RouteDecision route(DeploymentSpec spec, byte[] key, HeaderView headers) {
        return route(spec, key, headers, null, null);
    }

    /**
     * Like {@link #route(DeploymentSpec, byte[], HeaderView)}; a record without a key is split by the value of the
     * spec's key field in {@code fields}, else by its {@code identity}.
     *
     * @param identity the record's stable identity (see {@code Lineage#identity()}), asked for only when neither
     *     the key nor the key field decides; null when the caller has none
     * @throws RoutingException as above, and when the policy splits and nothing identifies the record
     */
    public static RouteDecision route(
            DeploymentSpec spec, byte[] key, HeaderView headers, FieldSource fields, Supplier<byte[]> identity) {
        byte[] pin = headers.lastValue(VERSION_HEADER);
        if (pin != null) {
            int version = parseVersion(spec.model(), pin);
            if (!spec.versions().contains(version)) {
                throw new RoutingException(
                        "VERSION_NOT_SERVED",
                        "the record pins " + spec.model() + " version "
                                + version + " but only " + spec.versions() + " are served (add it to the deployment's "
                                + "pinnable versions)");
            }
            return new RouteDecision(version, RouteDecision.PINNED, spec.shadows());
        }
        RolloutPolicy policy = spec.policy();
        int bucket = 0;
        if (policy.splits()) {
            bucket = Buckets.of(sticky(spec, key, fields, identity), spec.model(), policy.salt());
        }
        RolloutPolicy.Choice choice = policy.choose(bucket);
        return new RouteDecision(choice.version(), choice.arm(), spec.shadows());
    }

    private static byte[] sticky(DeploymentSpec spec, byte[] key, FieldSource fields, Supplier<byte[]> identity) {
        if (key != null) {
            return key;
        }
        byte[] field = keyFieldValue(spec, fields);
        if (field != null) {
            return field;
        }
        byte[] lineage = identity == null ? null : identity.get();
        if (lineage == null) {
            throw new RoutingException(
                    "NO_ROUTING_IDENTITY",
                    "the record has no key, no value for the key field and no lineage, so it cannot be split "
                            + "between the versions of " + spec.model() + " reproducibly (give it a key, or set the "
                            + "deployment's key field with scorerctl key-field)");
        }
        return lineage;
    }

    private static byte[] keyFieldValue(DeploymentSpec spec, FieldSource fields) {
        if (spec.keyField() == null || fields == null) {
            return null;
        }
        Object value = fields.value(spec.keyField());
        return value == null ? null : value.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int parseVersion(String model, byte[] header) {
        String text = new String(header, StandardCharsets.UTF_8).trim();
        try {
            int version = Integer.parseInt(text);
            if (version > 0) {
                return version;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new RoutingException(
                "BAD_VERSION_HEADER",
                "header " + VERSION_HEADER + " is '" + text + "'; it must be a positive version number of " + model);
    }
}
