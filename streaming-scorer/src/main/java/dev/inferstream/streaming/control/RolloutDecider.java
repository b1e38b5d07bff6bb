/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.streaming.control;

import dev.inferstream.control.ControlPlane;
import dev.inferstream.control.RevisionMovedException;
import dev.inferstream.control.Rollouts;
import dev.inferstream.schemas.Bandit;
import dev.inferstream.schemas.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One automatic rollout decision: promotes or rolls back a gated canary ({@link CanaryAnalysis}) or moves bandit
 * traffic ({@link BanditAllocation}), published as a compare-and-set on the revision the decision was made from,
 * so that a change made by anyone else in the meantime wins and the decision is made again next round.
 */
public final class RolloutDecider {
    private static final Logger LOG = LoggerFactory.getLogger(RolloutDecider.class);

    private final ControlPlane control;
    private final String scorerId;

    /** @param scorerId the deciding instance, recorded in each decision's author ({@code canary-analysis@<id>}) */
    public RolloutDecider(ControlPlane control, String scorerId) {
        this.control = control;
        this.scorerId = scorerId;
    }

    /**
     * Decides on {@code current} and publishes the decision.
     *
     * @return the published deployment; empty when there is nothing to decide yet
     * @throws RevisionMovedException when the model changed since {@code current} was read (nothing is published)
     */
    public Optional<Deployment> decide(Deployment current, Instant now) {
        String model = current.getModel();
        if (current.getCanary() != null && current.getCanary().getGates() != null) {
            CanaryAnalysis.Verdict verdict =
                    CanaryAnalysis.judge(current, control.status(model), control.quality(model), now);
            return switch (verdict.action()) {
                case PROMOTE ->
                    Optional.of(publish(Rollouts.promote(current, null), current, verdict.reason(), "canary-analysis"));
                case ROLLBACK ->
                    Optional.of(publish(Rollouts.rollback(current), current, verdict.reason(), "canary-analysis"));
                case WAIT -> {
                    LOG.debug("{}: {}", model, verdict.reason());
                    yield Optional.empty();
                }
            };
        }
        Bandit bandit = current.getBandit();
        if (bandit != null
                && Duration.between(current.getChangedAt(), now).toMillis() >= bandit.getUpdateIntervalMs()) {
            BanditAllocation.Next next = BanditAllocation.next(bandit, control.quality(model), random(current));
            if (!BanditAllocation.moved(bandit.getArms(), next.arms())) {
                return Optional.empty();
            }
            Deployment.Builder updated = Deployment.newBuilder(current)
                    .setBandit(Bandit.newBuilder(bandit).setArms(next.arms()).build());
            return Optional.of(publish(updated, current, next.reason(), "bandit"));
        }
        return Optional.empty();
    }

    /**
     * Thompson draws seeded by the model and the revision they move on from: a decision follows from the history
     * and the rewards it saw, and can be reproduced.
     */
    private static Random random(Deployment current) {
        return new Random(31L * current.getModel().hashCode() + current.getRevision());
    }

    private Deployment publish(Deployment.Builder next, Deployment current, String reason, String who) {
        Deployment deployment = next.setRevision(current.getRevision() + 1)
                .setChangedBy(who + "@" + scorerId)
                .setChangedAt(Instant.now())
                .setReason(reason)
                .build();
        control.publish(deployment);
        LOG.info("{} revision {}: {}", deployment.getModel(), deployment.getRevision(), reason);
        return deployment;
    }
}
