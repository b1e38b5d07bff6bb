/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.serving;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The protocol layers only translate: REST and gRPC talk to the protocol-neutral service, never to the scoring
 * behind it; the client needs no server; the library brings no Kafka.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.inferstream.serving");

    @Test
    void transportsDependOnTheProtocolNotOnTheScoring() {
        noClasses()
                .that()
                .resideInAnyPackage("..serving.rest..", "..serving.grpc..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..serving.scoring..", "dev.inferstream.model..")
                .check(CLASSES);
    }

    @Test
    void theProtocolModelKnowsNoTransportAndNoScoring() {
        noClasses()
                .that()
                .resideInAPackage("..serving.oip..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..serving.rest..", "..serving.grpc..", "..serving.scoring..", "io.javalin..", "io.grpc..")
                .check(CLASSES);
    }

    @Test
    void theClientNeedsNoServerNorModelRuntime() {
        noClasses()
                .that()
                .resideInAPackage("..serving.client..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..serving.rest..",
                        "..serving.scoring..",
                        "..serving.oip..",
                        "io.javalin..",
                        "ai.onnxruntime..",
                        "dev.inferstream.model..")
                .check(CLASSES);
    }

    @Test
    void theLibraryImportsNoKafka() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.kafka..")
                .check(CLASSES);
    }
}
