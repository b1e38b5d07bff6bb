/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.inferstream.model.inference.LoadedModel;
import org.junit.jupiter.api.Test;

/** common-model is shared by both engines, so it must depend on neither. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/explain/graph/proto/"))
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
                .resideInAnyPackage("..explain.graph..")
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
                .callMethod(LoadedModel.class, "tryAcquire")
                .orShould()
                .callMethod(LoadedModel.class, "release")
                .because("a caller that leases a model by hand can keep a retired version's session open")
                .check(CLASSES);
    }
}
