/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A command about one model, named first ({@code MODEL}), run against the cluster the root options name. */
abstract class ModelCommand implements Callable<Integer> {
    @ParentCommand
    ScorerCtl root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model name")
    String model;

    /** A session on the control topics and the repository, printing to this command's output. */
    Session session() {
        return root.session(spec.commandLine().getOut());
    }
}
