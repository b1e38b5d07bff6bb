/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.testkit.stack;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link TestStack} parameter: the real broker and registry shared by the whole build.
 *
 * <pre>{@code
 * @ExtendWith(LocalStackExtension.class)
 * class ScoringIT {
 *     @Test
 *     void scoresEvents(TestStack stack) { String topic = stack.newTopic("events", 3); … }
 * }
 * }</pre>
 */
public final class LocalStackExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return SharedStack.get();
    }
}
