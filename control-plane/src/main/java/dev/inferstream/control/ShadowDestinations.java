/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.control;

import dev.inferstream.schemas.ScorerStatus;
import dev.inferstream.schemas.ShadowTopic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where a model's shadow predictions go, as the scorers serving it report (their status names each route's shadow
 * topic and whether it exists). A shadow version is refused while a scorer reports its shadow topic missing; every
 * front end (scorerctl, the console) runs this check before publishing a shadow.
 */
public final class ShadowDestinations {
    /** Statuses older than this come from scorers that stopped (they report every 10 s by default). */
    public static final Duration LIVE = Duration.ofMinutes(2);

    private ShadowDestinations() {}

    /**
     * The line to print after publishing a shadow version of {@code model}.
     *
     * @throws RolloutException when a live scorer reports a missing shadow topic
     */
    public static String check(List<ScorerStatus> statuses, String model, Instant now) {
        Map<String, TreeSet<String>> scorersByTopic = new TreeMap<>();
        for (ScorerStatus status : statuses) {
            if (status.getUpdatedAt().isBefore(now.minus(LIVE))) {
                continue;
            }
            for (ShadowTopic topic : status.getShadowTopics()) {
                if (!topic.getExists()) {
                    throw new RolloutException("refused: scorer " + status.getScorer() + " writes the shadow "
                            + "predictions of " + model + " to " + topic.getTopic() + ", which does not exist. Create "
                            + "it with as many partitions as the route's prediction topic (kafka-topics.sh --create "
                            + "--topic " + topic.getTopic() + " --partitions <n>), or restart the scorer, which "
                            + "creates it");
                }
                scorersByTopic
                        .computeIfAbsent(topic.getTopic(), t -> new TreeSet<>())
                        .add(status.getScorer());
            }
        }
        if (scorersByTopic.isEmpty()) {
            return "no scorer serving " + model + " has reported in the last " + LIVE.toMinutes() + " minutes: shadow "
                    + "predictions go to each route's shadow topic (scorer.route.<r>.shadow, default <output>.shadow)";
        }
        StringBuilder text = new StringBuilder("shadow predictions go to");
        scorersByTopic.forEach((topic, scorers) -> text.append(' ')
                .append(topic)
                .append(" (")
                .append(String.join(", ", scorers))
                .append(')'));
        return text.toString();
    }
}
