/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inferstream.schemas.Audit;
import dev.inferstream.schemas.Prediction;
import dev.inferstream.schemas.registry.RegistryConfig;
import dev.inferstream.schemas.registry.SchemaRegistryClient;
import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real registry accepts the envelopes with the explanation under subjects that hold the previous ones. */
@ExtendWith(LocalStackExtension.class)
@Timeout(120)
class ExplanationEvolutionIT {

    @Test
    void theRegistryAcceptsTheExplanationUnderFullCompatibility(TestStack stack) {
        SchemaRegistryClient client = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
        for (Schema current : List.of(Prediction.getClassSchema(), Audit.getClassSchema())) {
            String subject = current.getName().toLowerCase() + "s-" + UUID.randomUUID() + "-value";
            int previous = client.register(subject, ExplanationEvolution.previous(current));
            client.setCompatibility(subject, "FULL");

            assertThat(client.isCompatible(subject, current)).isTrue();
            assertThat(client.register(subject, current)).isNotEqualTo(previous);
            assertThat(client.versions(subject)).containsExactly(1, 2);
        }
    }
}
