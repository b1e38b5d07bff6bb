/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.junit.jupiter.api.Test;

class CloseMembershipTest {

    @Test
    void aStoppedScorerLeavesItsGroupSoItsPartitionsMoveWithoutWaitingForTheSessionTimeout() {
        assertThat(StreamingScorer.onClose(Map.of("application.id", "scorer")))
                .isEqualTo(GroupMembershipOperation.LEAVE_GROUP);
    }

    @Test
    void aStaticMemberStaysInItsGroupToTakeItsPartitionsBackWhenItRestarts() {
        assertThat(StreamingScorer.onClose(Map.of("group.instance.id", "scorer-1")))
                .isEqualTo(GroupMembershipOperation.REMAIN_IN_GROUP);
        assertThat(StreamingScorer.onClose(Map.of("main.consumer.group.instance.id", "scorer-1")))
                .isEqualTo(GroupMembershipOperation.REMAIN_IN_GROUP);
    }
}
