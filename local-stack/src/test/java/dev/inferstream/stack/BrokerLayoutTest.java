/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerLayoutTest {
    private static final List<BrokerLayout.Node> THREE = List.of(
            new BrokerLayout.Node(1, 9092, 9093),
            new BrokerLayout.Node(2, 9094, 9095),
            new BrokerLayout.Node(3, 9096, 9097));

    @Test
    void threeNodesFormOneQuorumAndReplicateThreeTimesWithTwoInSync() {
        StackConfig config = StackConfig.developer(Path.of("stack")).withBrokers(3);
        BrokerLayout layout =
                new BrokerLayout(THREE, "id", config.replicationFactor(), config.minInsyncReplicas(), null);

        String node2 = layout.serverProperties(2, Path.of("data"));

        assertThat(node2.lines())
                .contains(
                        "process.roles=broker,controller",
                        "node.id=2",
                        "controller.quorum.voters=1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097",
                        "listeners=PLAINTEXT://127.0.0.1:9094,CONTROLLER://127.0.0.1:9095",
                        "default.replication.factor=3",
                        "min.insync.replicas=2",
                        "offsets.topic.replication.factor=3",
                        "transaction.state.log.replication.factor=3",
                        "transaction.state.log.min.isr=2");
        assertThat(layout.bootstrapServers()).isEqualTo("127.0.0.1:9092,127.0.0.1:9094,127.0.0.1:9096");
        assertThat(layout.formatArguments()).isEmpty();
        assertThat(config.kafkaPort(2)).isEqualTo(9096);
        assertThat(config.controllerPort(1)).isEqualTo(9095);
    }

    @Test
    void oneNodeKeepsEveryTopicOnItselfAndPicksFreePortsForEachNode() {
        StackConfig config = StackConfig.ephemeral(Path.of("stack"));
        assertThat(config.replicationFactor()).isEqualTo(1);
        assertThat(config.minInsyncReplicas()).isEqualTo(1);
        assertThat(config.withBrokers(3).kafkaPort(2)).isZero();
        assertThatThrownBy(() -> config.withBrokers(0)).hasMessageContaining("1 to 5 brokers");
    }

    @Test
    void aSecuredNodeServesSaslSslChecksAclsAndLetsOnlyBrokersOnTheControllerListener() {
        StackKeys keys = new StackKeys(Path.of("/stack/security"), "store-secret", "admin-secret");
        BrokerLayout layout = new BrokerLayout(List.of(new BrokerLayout.Node(1, 9092, 9093)), "id", 1, 1, keys);

        assertThat(layout.serverProperties(1, Path.of("data")).lines())
                .contains(
                        "listeners=SASL_SSL://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093",
                        "inter.broker.listener.name=SASL_SSL",
                        "listener.security.protocol.map=CONTROLLER:SSL,SASL_SSL:SASL_SSL",
                        "sasl.enabled.mechanisms=SCRAM-SHA-512",
                        "listener.name.controller.ssl.client.auth=required",
                        "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                        "allow.everyone.if.no.acl.found=false",
                        "super.users=User:admin;User:CN=inferstream-local-stack",
                        "ssl.keystore.location=/stack/security/broker.p12");
        assertThat(layout.formatArguments())
                .containsExactly("--add-scram", "SCRAM-SHA-512=[name=admin,password=admin-secret]");
        assertThat(keys.clientProperties("scorer", "pw", "127.0.0.1:9092", "https://127.0.0.1:8081/apis/ccompat/v7"))
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry(
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"scorer\" "
                                + "password=\"pw\";")
                .containsEntry("schema.registry.ssl.truststore.location", "/stack/security/truststore.p12");
        assertThat(keys.toString()).doesNotContain("secret");
    }
}
