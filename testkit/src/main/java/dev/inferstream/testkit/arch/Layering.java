/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.testkit.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.Arrays;

/**
 * The layering every module above common-model keeps, as ArchUnit rules over one module's classes: one model code
 * path (ONNX Runtime, feature mapping, routing and model leases live only in common-model, which is used through its
 * public API, never its {@code internals} packages), engines that do not depend on each other, and tools that reach
 * scorers only through topics and HTTP.
 *
 * <pre>{@code
 * Layering.checkEngine("dev.inferstream.batch", Layering.STREAMING, Layering.CTL);
 * }</pre>
 */
public final class Layering {
    public static final String MODEL = "dev.inferstream.model..";
    public static final String STREAMING = "dev.inferstream.streaming..";
    public static final String BATCH = "dev.inferstream.batch..";
    public static final String CTL = "dev.inferstream.ctl..";
    public static final String CONSOLE = "dev.inferstream.console..";
    public static final String SERVING = "dev.inferstream.serving..";
    /** common-model's implementation packages: public only so that its own packages can share them. */
    public static final String MODEL_INTERNALS = "dev.inferstream.model..internals..";

    private Layering() {}

    /**
     * Checks an engine or server module (its production classes under {@code rootPackage}): one model code path, and
     * no dependency on the modules {@code independentOf}; every violation of both rules is reported at once. Its test
     * classes, too, use only common-model's public API.
     */
    public static void checkEngine(String rootPackage, String... independentOf) {
        CompositeArchRule.of(oneModelCodePath())
                .and(independentOf(independentOf))
                .check(productionClasses(rootPackage));
        checkModelUser(rootPackage);
    }

    /** Checks a tool module (scorerctl, the console): topics and HTTP to scorers, common-model for models. */
    public static void checkTool(String rootPackage) {
        CompositeArchRule.of(talksToScorersOnlyThroughTopicsAndHttp())
                .and(oneModelCodePath())
                .check(productionClasses(rootPackage));
        checkModelUser(rootPackage);
    }

    /** Checks that a module's production and test classes under {@code rootPackage} use only common-model's API. */
    public static void checkModelUser(String rootPackage) {
        modelApiOnly().check(allClasses(rootPackage));
    }

    /** The module's own production classes: those under {@code rootPackage}, tests left out. */
    public static JavaClasses productionClasses(String rootPackage) {
        // the rules judge dependencies by their names: reading every jar behind them only costs time
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage);
    }

    /** The module's own production and test classes under {@code rootPackage}. */
    public static JavaClasses allClasses(String rootPackage) {
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage);
    }

    /**
     * Models are loaded, mapped, routed and run by common-model only: no ONNX Runtime, no feature-mapping or routing
     * package of one's own, and none of common-model's internals (ONNX graph readers, explainer implementations, model
     * leases: callers retire a model, never lease it).
     */
    public static ArchRule oneModelCodePath() {
        return noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("ai.onnxruntime..", MODEL_INTERNALS)
                .orShould()
                .resideInAnyPackage("..features..", "..routing..")
                .because("online, batch and request/response predictions must come from one model code path");
    }

    /** No class depends on common-model's {@code internals} packages, which change without notice. */
    public static ArchRule modelApiOnly() {
        return noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage(MODEL_INTERNALS)
                .because("common-model's internals are public only so that its own packages can share them");
    }

    /** The module does not depend on the given modules' packages (e.g. one engine on another). */
    public static ArchRule independentOf(String... modulePackages) {
        return noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(modulePackages)
                .because("modules " + Arrays.toString(modulePackages) + " are deployed apart and change apart");
    }

    /**
     * A tool reaches scorers only through topics (control-plane) and HTTP/gRPC (the serving client): never through
     * an engine's classes or the server side of request/response serving.
     */
    public static ArchRule talksToScorersOnlyThroughTopicsAndHttp() {
        return noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(STREAMING, BATCH)
                .orShould()
                .dependOnClassesThat(DescribedPredicate.<JavaClass>describe(
                        "serving classes other than the client",
                        c -> c.getPackageName().startsWith("dev.inferstream.serving")
                                && !c.getPackageName().startsWith("dev.inferstream.serving.client")))
                .because("scorerctl and the console drive scorers through the control topics and the OIP API");
    }
}
