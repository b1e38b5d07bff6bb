/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** common-model is shared by both engines, so it must depend on neither. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/explain/internals/graph/proto/"))
            .importPackages("dev.inferstream.model");

    @Test
    void commonModelImportsNeitherKafkaNorFlink() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "org.apache.flink..")
                .check(CLASSES);
    }

    @Test
    void explanationsSitOnTopOfTheModelLibraryWithoutDependingOnLoadedModels() {
        noClasses()
                .that()
                .resideInAPackage("..explain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..model.inference..", "..model.serving..", "ai.onnxruntime..")
                .check(CLASSES);
    }

    @Test
    void onlyTheExplainersReadOnnxGraphs() {
        noClasses()
                .that()
                .resideOutsideOfPackages("..explain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..explain.internals.graph..")
                .check(CLASSES);
    }

    @Test
    void routingStaysPureOfOnnxRuntime() {
        noClasses()
                .that()
                .resideInAPackage("..routing..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("ai.onnxruntime..")
                .check(CLASSES);
    }

    @Test
    void onlyTheModelServiceAndTheScoringPathsTakeModelLeases() {
        noClasses()
                .that()
                .resideOutsideOfPackages("..model.inference..", "..model.serving..", "..model.envelope..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..model.inference.internals..")
                .because("a caller that leases a model by hand can keep a retired version's session open")
                .check(CLASSES);
    }

    @Test
    void explainersAreBuiltOnlyWhereModelsLoad() {
        noClasses()
                .that()
                .resideOutsideOfPackages("..model.explain..", "..model.inference")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..model.explain.internals..")
                .because("callers explain through Explainer, built by LoadedModel from the manifest")
                .check(CLASSES);
    }
}
