/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.routing;

import dev.inferstream.model.features.FieldSource;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides which version scores a record. Pure and deterministic: the same spec, key and headers give the same
 * decision in the streaming scorer and the batch scorer. Precedence: the {@code ml.model.version} header pin,
 * then the policy's split by sticky bucket, then stable.
 */
public final class Router {
    /** Header that pins the version for one record: its value is the version number as text. */
    public static final String VERSION_HEADER = "ml.model.version";

    private Router() {}

    /**
     * @param key the record key the split is sticky on; null keys get a random bucket
     * @throws RoutingException when the pin header is not a number or names a version the spec does not serve
     */
    public static RouteDecision route(DeploymentSpec spec, byte[] key, HeaderView headers) {
        return route(spec, key, headers, null);
    }

    /**
     * Like {@link #route(DeploymentSpec, byte[], HeaderView)}; a record without a key is split by the value of the
     * spec's key field in {@code fields}, and at random only when the spec names none or the value is null.
     */
    public static RouteDecision route(DeploymentSpec spec, byte[] key, HeaderView headers, FieldSource fields) {
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
            byte[] sticky = key != null ? key : keyFieldValue(spec, fields);
            bucket = sticky == null
                    ? ThreadLocalRandom.current().nextInt(Buckets.COUNT)
                    : Buckets.of(sticky, spec.model(), policy.salt());
        }
        RolloutPolicy.Choice choice = policy.choose(bucket);
        return new RouteDecision(choice.version(), choice.arm(), spec.shadows());
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
