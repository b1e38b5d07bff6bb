/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.ctl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A command about one record of a model ({@code MODEL --field name=value ...}), scored or explained; its {@code
 * --version} is the model version, so it has a help option of its own.
 */
abstract class RecordCommand implements Callable<Integer> {
    @ParentCommand
    ScorerCtl root;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOnly help;

    @Parameters(paramLabel = "MODEL")
    String model;

    @Option(
            names = "--field",
            paramLabel = "NAME=VALUE",
            required = true,
            description = "A field of the record: a number, 1,2,3 for an array field, or a category (repeat)")
    Map<String, String> fields = new LinkedHashMap<>();
}
