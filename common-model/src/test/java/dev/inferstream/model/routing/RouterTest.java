/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inferstream.model.features.MapFieldSource;
import dev.inferstream.model.manifest.FieldPath;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RouterTest {

    @Test
    void murmur3MatchesReferenceVectors() {
        assertThat(Buckets.murmur3(new byte[0], 0)).isZero();
        assertThat(Buckets.murmur3("hello".getBytes(StandardCharsets.UTF_8), 0)).isEqualTo(0x248bfa47);
        assertThat(Buckets.murmur3(
                        "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8), 0x9747b28c))
                .isEqualTo(0x2fa826cd);
    }

    @Test
    void stableSendsEverythingToOneVersion() {
        RouteDecision d = Router.route(DeploymentSpec.stable("fraud", 3), key("c-1"), HeaderView.NONE);
        assertThat(d).isEqualTo(new RouteDecision(3, "stable", List.of()));
    }

    @Test
    void canaryShareIsWithinStatisticalBoundsAndStickyPerKey() {
        DeploymentSpec spec = canary(500);
        int canary = 0;
        for (int i = 0; i < 10_000; i++) {
            RouteDecision first = Router.route(spec, key("customer-" + i), HeaderView.NONE);
            RouteDecision again = Router.route(spec, key("customer-" + i), HeaderView.NONE);
            assertThat(again).isEqualTo(first);
            if (first.arm().equals("canary")) {
                assertThat(first.version()).isEqualTo(4);
                canary++;
            }
        }
        // 5 % of 10,000 keys: 500 expected, standard deviation about 22; allow 4 sigma
        assertThat(canary).isBetween(412, 588);
    }

    @Test
    void growingTheCanaryOnlyMovesStableKeysToCanary() {
        for (int i = 0; i < 5_000; i++) {
            byte[] key = key("k" + i);
            boolean inSmall =
                    Router.route(canary(500), key, HeaderView.NONE).arm().equals("canary");
            boolean inLarge =
                    Router.route(canary(1_000), key, HeaderView.NONE).arm().equals("canary");
            if (inSmall) {
                assertThat(inLarge)
                        .as("key k%d left the canary when it grew", i)
                        .isTrue();
            }
        }
    }

    @Test
    void versionHeaderPinBeatsTheSplit() {
        DeploymentSpec spec = new DeploymentSpec("fraud", RolloutPolicy.canary(3, 4, 10_000), List.of(), List.of(2), 1);
        RouteDecision d = Router.route(spec, key("c-1"), headers(Router.VERSION_HEADER, "2"));
        assertThat(d.version()).isEqualTo(2);
        assertThat(d.arm()).isEqualTo("pinned");
    }

    @Test
    void pinningAVersionThatIsNotServedIsARoutingError() {
        assertThatThrownBy(() -> Router.route(canary(100), key("c"), headers(Router.VERSION_HEADER, "9")))
                .isInstanceOfSatisfying(
                        RoutingException.class, e -> assertThat(e.reason()).isEqualTo("VERSION_NOT_SERVED"));
        assertThatThrownBy(() -> Router.route(canary(100), key("c"), headers(Router.VERSION_HEADER, "latest")))
                .isInstanceOfSatisfying(
                        RoutingException.class, e -> assertThat(e.reason()).isEqualTo("BAD_VERSION_HEADER"));
    }

    @Test
    void shadowsTravelWithEveryDecisionButNeverServeLiveTraffic() {
        DeploymentSpec spec = new DeploymentSpec("fraud", RolloutPolicy.stable(3), List.of(5), List.of(), 1);
        assertThat(Router.route(spec, key("x"), HeaderView.NONE).shadows()).containsExactly(5);
        assertThatThrownBy(() -> new DeploymentSpec("fraud", RolloutPolicy.stable(3), List.of(3), List.of(), 1))
                .hasMessageContaining("cannot be a shadow");
        assertThat(spec.versions()).containsExactly(3, 5);
    }

    @Test
    void keylessRecordsSplitStickyByTheKeyField() {
        DeploymentSpec byField = new DeploymentSpec(
                "fraud", RolloutPolicy.canary(3, 4, 5_000), List.of(), List.of(), 1, FieldPath.parse("customer.id"));
        Set<String> arms = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            var fields = new MapFieldSource(Map.of("customer", Map.of("id", "c-" + i)));
            String arm = Router.route(byField, null, HeaderView.NONE, fields, identity("row-" + i))
                    .arm();
            // the field decides, whatever the record's lineage
            assertThat(Router.route(byField, null, HeaderView.NONE, fields, identity("elsewhere-" + i))
                            .arm())
                    .isEqualTo(arm);
            assertThat(Router.route(byField, key("c-" + i), HeaderView.NONE).arm())
                    .isEqualTo(arm);
            arms.add(arm);
        }
        assertThat(arms).containsExactlyInAnyOrder("stable", "canary");
    }

    @Test
    void keylessRecordsWithoutAKeyFieldValueSplitByTheirLineageNeverAtRandom() {
        DeploymentSpec byField = new DeploymentSpec(
                "fraud", RolloutPolicy.canary(3, 4, 5_000), List.of(), List.of(), 1, FieldPath.parse("customer.id"));
        var noCustomer = new MapFieldSource(Map.of("amount", 12.5));
        int canary = 0;
        for (int i = 0; i < 2_000; i++) {
            String arm = Router.route(canary(5_000), null, HeaderView.NONE, noCustomer, identity("file|a.csv|0|" + i))
                    .arm();
            for (int again = 0; again < 3; again++) {
                assertThat(Router.route(canary(5_000), null, HeaderView.NONE, noCustomer, identity("file|a.csv|0|" + i))
                                .arm())
                        .isEqualTo(arm);
            }
            // a key field without a value in this record falls back to the same lineage rule
            assertThat(Router.route(byField, null, HeaderView.NONE, noCustomer, identity("file|a.csv|0|" + i))
                            .arm())
                    .isEqualTo(arm);
            assertThat(Router.route(canary(5_000), key("file|a.csv|0|" + i), HeaderView.NONE)
                            .arm())
                    .as("lineage buckets exactly as a key with the same bytes")
                    .isEqualTo(arm);
            canary += arm.equals("canary") ? 1 : 0;
        }
        // 50 % of 2,000 rows: 1,000 expected, standard deviation about 22; allow 4 sigma
        assertThat(canary).isBetween(910, 1_090);
    }

    @Test
    void aSplitRecordWithNothingToIdentifyItIsARoutingErrorNotAGuess() {
        assertThatThrownBy(() -> Router.route(canary(5_000), null, HeaderView.NONE, null, null))
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("no key")
                .hasMessageContaining("key-field");
        assertThat(Router.route(DeploymentSpec.stable("fraud", 3), null, HeaderView.NONE, null, null)
                        .version())
                .as("a policy that does not split needs no identity")
                .isEqualTo(3);
    }

    private static Supplier<byte[]> identity(String text) {
        return () -> text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void policiesRefuseInvalidShares() {
        assertThatThrownBy(() -> RolloutPolicy.canary(3, 4, 10_001)).hasMessageContaining("0-10000 basis points");
        assertThatThrownBy(() -> RolloutPolicy.canary(3, 3, 10)).hasMessageContaining("already the stable version");
        assertThatThrownBy(() -> RolloutPolicy.stable(0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> RolloutPolicy.cascade(3, 3, CascadePolicy.Confidence.MARGIN, 0.9))
                .hasMessageContaining("to itself");
        assertThatThrownBy(() -> RolloutPolicy.cascade(3, 4, CascadePolicy.Confidence.MARGIN, 1.5))
                .hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() ->
                        RolloutPolicy.ensemble(List.of(new EnsemblePolicy.Member(3, 1)), EnsemblePolicy.Combiner.MEAN))
                .hasMessageContaining("at least two");
        assertThatThrownBy(() -> RolloutPolicy.ensemble(
                        List.of(new EnsemblePolicy.Member(3, 1), new EnsemblePolicy.Member(3, 2)),
                        EnsemblePolicy.Combiner.MEAN))
                .hasMessageContaining("twice");
    }

    private static DeploymentSpec canary(int basisPoints) {
        return new DeploymentSpec("fraud", RolloutPolicy.canary(3, 4, basisPoints), List.of(), List.of(), 1);
    }

    private static byte[] key(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static HeaderView headers(String key, String value) {
        Map<String, byte[]> map = Map.of(key, value.getBytes(StandardCharsets.UTF_8));
        return map::get;
    }
}
