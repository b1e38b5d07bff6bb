/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import dev.inferstream.control.RolloutException;
import dev.inferstream.schemas.Deployment;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "history", description = "Every deployment of MODEL, oldest first: who changed what, when and why")
final class HistoryCommand extends ModelCommand {
    @Override
    public Integer call() {
        Session session = session();
        List<Deployment> history = session.control.history(model);
        if (history.isEmpty()) {
            throw new RolloutException(
                    "no history of " + model + " on " + session.control.topics().history());
        }
        StringBuilder text = new StringBuilder();
        for (Deployment d : history) {
            text.append(String.format(
                    "%-4d %s  %-12s %s  (%s)%n",
                    d.getRevision(), d.getChangedAt(), d.getChangedBy(), Views.traffic(d), d.getReason()));
        }
        session.print(
                history.stream().map(Views::deployment).toList(),
                text.toString().stripTrailing());
        return 0;
    }
}
