/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import dev.inferstream.schemas.Deployment;
import dev.inferstream.schemas.ScorerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(
        name = "status",
        description = "The current deployment of MODEL, the scorers serving it, and how shadow "
                + "versions agree with production")
final class StatusCommand extends ModelCommand {
    @Override
    public Integer call() {
        Session session = session();
        Deployment current = session.current(model);
        List<ScorerStatus> statuses = session.control.status(model);
        List<Map<String, Object>> agreement = Views.agreement(statuses);
        List<Map<String, Object>> scorers = new ArrayList<>();
        for (ScorerStatus s : statuses) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scorer", s.getScorer());
            m.put("version", s.getScorerVersion());
            m.put("revision", s.getDeploymentRevision());
            m.put("updatedAt", s.getUpdatedAt().toString());
            m.put("startedAt", s.getStartedAt().toString());
            scorers.add(m);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("deployment", Views.deployment(current));
        json.put("scorers", scorers);
        json.put("shadowAgreement", agreement);
        List<Map<String, Object>> quality = Views.quality(session.control.quality(model));
        json.put("quality", quality);
        session.print(json, text(current, statuses, agreement) + Views.qualityText(quality));
        return 0;
    }

    private static String text(Deployment d, List<ScorerStatus> statuses, List<Map<String, Object>> agreement) {
        StringBuilder s = new StringBuilder();
        s.append(Views.summary(d)).append('\n');
        s.append("  changed ")
                .append(d.getChangedAt())
                .append(" by ")
                .append(d.getChangedBy())
                .append(": ")
                .append(d.getReason())
                .append('\n');
        if (d.getPreviousStable() != null) {
            s.append("  previous stable v").append(d.getPreviousStable()).append('\n');
        }
        if (d.getKeyField() != null) {
            s.append("  keyless records split by ").append(d.getKeyField()).append('\n');
        }
        if (statuses.isEmpty()) {
            s.append("  no scorer has reported on this model yet\n");
        }
        for (ScorerStatus st : statuses) {
            long age = Duration.between(st.getUpdatedAt(), Instant.now()).toSeconds();
            s.append("  scorer ")
                    .append(st.getScorer())
                    .append(st.getScorerVersion().isEmpty() ? "" : " (inferstream " + st.getScorerVersion() + ")")
                    .append(": revision ")
                    .append(st.getDeploymentRevision())
                    .append(st.getDeploymentRevision() == d.getRevision() ? " (current)" : " (NOT current)")
                    .append(", reported ")
                    .append(age)
                    .append(" s ago\n");
        }
        for (Map<String, Object> a : agreement) {
            s.append(String.format(
                    Locale.ROOT,
                    "  shadow v%s vs v%s: %d compared, %s same label, mean |score delta| " + "%s, max %.4f%n",
                    a.get("shadow"),
                    a.get("production"),
                    (Long) a.get("compared"),
                    a.get("agreementRate") == null
                            ? "-"
                            : String.format(Locale.ROOT, "%.2f %%", 100 * (Double) a.get("agreementRate")),
                    a.get("meanAbsScoreDelta") == null
                            ? "-"
                            : String.format(Locale.ROOT, "%.4f", (Double) a.get("meanAbsScoreDelta")),
                    (Double) a.get("maxAbsScoreDelta")));
        }
        return s.toString().stripTrailing();
    }
}
