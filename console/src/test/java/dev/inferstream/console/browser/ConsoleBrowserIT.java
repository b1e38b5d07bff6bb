/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.inferstream.console.ConsoleFixture;
import dev.inferstream.console.ConsoleModels;
import dev.inferstream.console.EventFeed;
import dev.inferstream.console.Resources;
import dev.inferstream.console.RunningScorer;
import dev.inferstream.testkit.stack.LocalStackExtension;
import dev.inferstream.testkit.stack.TestStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * What a person does in the console, in headless Chromium, against the shared broker and registry and a running
 * streaming scorer fed with live events: deploy a model, publish a new version from the browser, shadow it, canary
 * it, promote it, roll back; a single prediction with its explanation; an upload with a label column; a short load
 * test; the dead letters; a viewer refused a change; the audit trail showing it all; the model card printed. One
 * browser session, steps in order; a failed step leaves a screenshot in {@code target/screenshots}. With {@code -Dconsole.docs=docs} the README's
 * screenshots are written there.
 */
@ExtendWith(LocalStackExtension.class)
@ExtendWith(ConsoleBrowserIT.ScreenshotOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dir;

    static ConsoleFixture console;
    static RunningScorer running;
    static EventFeed feed;
    static Browser browser;
    static String shadowTopic;

    @BeforeAll
    static void start(TestStack stack) throws Exception {
        assumeTrue(Browser.available(), "Chromium and chromedriver are not installed (.ci/run installs them)");
        running = RunningScorer.start(stack, dir, "fraud", 1, Map.of());
        shadowTopic = running.shadow;
        console = ConsoleFixture.start(stack, dir, running.consoleKeys);
        feed = EventFeed.start(stack, running.input, 25);
        browser = new Browser(console.base(), SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        Resources.closeAll(browser, feed, console, running);
    }

    @Test
    @Order(1)
    void anAdminSignsInAndSeesTheModelPublishedButNotDeployed() {
        signIn("alice");
        browser.waitForText("stage-fraud", "PUBLISHED");
        assertThat(browser.text("split-fraud")).contains("not deployed");
    }

    @Test
    @Order(2)
    void deploysTheFirstVersionThroughTheWizard() {
        change("/models/fraud/deploy", "deploy", "1", Map.of());
        browser.waitForText("rollout-split", "v1 stable 100 %");
        browser.open("/");
        browser.waitForText("stage-fraud", "SERVING");
        // the badges fill in over server-sent events once the scorer reports, with no reload
        browser.waitFor(d -> !d.findElement(By.id("eps-fraud")).getText().contains("—"));
        // the lag in time: the age of the oldest record the scorer's consumer group has not consumed
        browser.waitFor(d -> d.findElement(By.id("lag-fraud")).getText().matches("(?s).*\\d+(\\.\\d)? s.*"));
    }

    @Test
    @Order(3)
    void publishesASecondVersionByUploadingItsFiles() throws IOException {
        Path upload = Files.createDirectories(dir.resolve("upload-v2"));
        Files.write(upload.resolve("model.onnx"), ConsoleModels.onnx(2));
        Files.writeString(upload.resolve("model.yaml"), ConsoleModels.manifest("fraud", 2));
        browser.open("/publish");
        browser.id("onnx").sendKeys(upload.resolve("model.onnx").toString());
        browser.id("yaml").sendKeys(upload.resolve("model.yaml").toString());
        browser.click("publish");
        browser.waitForText("version-stage", "PUBLISHED");
        assertThat(browser.driver.getCurrentUrl()).contains("/models/fraud/versions/2");
        assertThat(browser.text("version-sha256")).hasSize(64);
    }

    @Test
    @Order(4)
    void shadowsTheNewVersionAndSeesItsAgreement() throws IOException {
        change("/models/fraud/deploy?version=2", "shadow", "2", Map.of());
        browser.waitForText("rollout-split", "v2 shadow 0 %");
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("arm-2-shadow-2")));
        browser.waitFor(d -> d.findElement(By.id("agreement-2")).getText().matches("\\d+\\.\\d+ %"));
    }

    @Test
    @Order(5)
    void canariesItOnAShareOfTheKeys() throws IOException {
        change("/models/fraud/deploy?version=2", "canary", "2", Map.of("percent", "25"));
        browser.waitForText("rollout-split", "v2 canary 25 %");
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("arm-2-canary")));
        browser.waitFor(d -> !d.findElement(By.id("arm-2-canary")).getText().contains(" 0\n")
                && !d.findElement(By.id("arm-2-canary")).getText().endsWith(" 0"));
        browser.open("/");
        browser.waitForText("stage-fraud", "CANARY / EXPERIMENT");
        browser.waitFor(d -> !d.findElement(By.id("eps-fraud")).getText().contains("—"));
        // the lag in time: the age of the oldest record the scorer's consumer group has not consumed
        browser.waitFor(d -> d.findElement(By.id("lag-fraud")).getText().matches("(?s).*\\d+(\\.\\d)? s.*"));
        docs("console-lifecycle");
        browser.open("/models/fraud/rollout");
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("canvas[data-drawn]")));
        docs("console-rollout");
    }

    @Test
    @Order(6)
    void promotesTheCanary() {
        browser.open("/models/fraud/rollout");
        browser.click("promote");
        browser.waitForText("review-command", "scorerctl promote fraud");
        browser.click("confirm");
        browser.waitForText("rollout-split", "v2 stable 100 %");
    }

    @Test
    @Order(7)
    void rollsBackToThePreviousStableVersion() {
        browser.open("/models/fraud/rollout");
        browser.click("rollback");
        browser.waitForText("review-command", "scorerctl rollback fraud");
        browser.waitForText("split-after", "v1 stable 100 %");
        browser.click("confirm");
        browser.waitForText("rollout-split", "v1 stable 100 %");
    }

    @Test
    @Order(8)
    void aSinglePredictionShowsItsScoreArmLatencyAndExplanation() throws IOException {
        browser.open("/test/predict?model=fraud");
        assertThat(browser.id("field-f2").getAttribute("value")).isEqualTo("0.2");
        browser.type("field-f0", "2.5");
        browser.click("predict");
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("prediction-score")));
        assertThat(browser.text("prediction-version")).isEqualTo("1");
        assertThat(browser.text("prediction-arm")).isEqualTo("stable");
        assertThat(browser.text("prediction-label")).isIn("legit", "fraud");
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#waterfall[data-drawn]")));
        assertThat(browser.text("explain-note")).contains("Why v1 said so");
        docs("console-prediction");
    }

    @Test
    @Order(9)
    void anUploadWithALabelColumnShowsAccuracyRocAndAgreement() throws IOException {
        Path csv = dir.resolve("labelled.csv");
        StringBuilder rows = new StringBuilder("id,f0,f1,f2,f3,outcome\n");
        Random random = new Random(3);
        for (int i = 0; i < 600; i++) {
            double f0 = random.nextGaussian();
            rows.append(i)
                    .append(',')
                    .append(f0)
                    .append(',')
                    .append(random.nextGaussian())
                    .append(',')
                    .append(random.nextGaussian())
                    .append(',')
                    .append(random.nextGaussian())
                    .append(',')
                    .append(f0 + 0.5 * random.nextGaussian() > 0 ? "fraud" : "legit")
                    .append('\n');
        }
        Files.writeString(csv, rows, StandardCharsets.UTF_8);
        browser.open("/test/upload?model=fraud");
        browser.type("upload-version", "1");
        browser.type("upload-compare", "2");
        browser.type("upload-label", "outcome");
        browser.id("upload-file").sendKeys(csv.toString());
        browser.click("upload");
        browser.waitFor(d -> "done".equals(d.findElement(By.id("upload-state")).getAttribute("data-state")));
        assertThat(browser.text("accuracy-v1")).matches("0\\.\\d{4}");
        assertThat(browser.text("auc-v1")).matches("0\\.\\d{4}");
        assertThat(browser.text("agreement")).contains("% of rows got the same label");
        assertThat(browser.id("confusion-v2").getText()).contains("fraud", "legit");
        assertThat(browser.id("importance-v1").getText())
                .contains("over the first 256 rows", "f0", "f1", "f2", "f3")
                .doesNotContain("could not be explained");
        assertThat(browser.id("importance-v2").findElements(By.cssSelector("tr")))
                .hasSize(4);
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#roc[data-drawn]")));
        docs("console-upload");
    }

    @Test
    @Order(10)
    void aShortLoadTestReportsThroughputAndLatencyAndIsKeptWithTheModel() throws IOException {
        browser.open("/test/load?model=fraud");
        // replays the rows of the labelled upload scored above
        new Select(browser.id("load-source")).selectByIndex(1);
        browser.type("load-rate", "20");
        browser.type("load-seconds", "3");
        browser.click("start-load");
        browser.waitFor(d -> "done".equals(d.findElement(By.id("load-state")).getAttribute("data-state")));
        assertThat(browser.text("load-summary"))
                .contains(
                        "fraud (current deployment) at 20/s for 3 s from 600 rows of labelled.csv to the request/response"
                                + " endpoint http://127.0.0.1:",
                        " 0 failed")
                .contains("p99");
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("canvas[data-drawn]")));
        docs("console-load-test");
        browser.open("/models/fraud/rollout");
        browser.waitForText("load-tests", "at 20/s for 3 s");
    }

    @Test
    @Order(11)
    void theWizardShowsTheChosenPatternsParametersAndReviewsAnAbExperiment() {
        browser.open("/models/fraud/deploy");
        assertThat(browser.id("percent").isDisplayed()).isFalse();
        assertThat(browser.id("arms").isDisplayed()).isFalse();
        browser.click("pattern-canary");
        assertThat(browser.id("percent").isDisplayed()).isTrue();
        browser.click("pattern-ab");
        assertThat(browser.id("arms").isDisplayed()).isTrue();
        assertThat(browser.id("percent").isDisplayed()).isFalse();
        assertThat(browser.id("threshold").isDisplayed()).isFalse();
        browser.type("arms", "control=1:80\ntreatment=2:20");
        browser.click("review");
        browser.waitForText("review-command", "scorerctl ab fraud --arm control=1:80 --arm treatment=2:20");
        assertThat(browser.text("split-after")).contains("v1 arm control 80 %", "v2 arm treatment 20 %");
        assertThat(browser.text("split-now")).contains("v1 stable 100 %");
    }

    @Test
    @Order(12)
    void theDeadLettersPageShowsAnUndecodableRecordWithItsReason() throws IOException {
        // the feed sends a record that is not Avro every 200 records
        browser.open("/monitoring/dead-letters?stage=DECODE");
        browser.waitFor(d -> {
            d.navigate().refresh();
            return !d.findElements(By.cssSelector("#dead-letters tbody tr")).isEmpty();
        });
        assertThat(browser.text("dead-letters")).contains("DECODE", "not avro");
        assertThat(browser.driver.findElements(By.cssSelector("button[id^=replay-]")))
                .isNotEmpty();
        docs("console-dead-letters");
    }

    @Test
    @Order(13)
    void aViewerSeesEverythingButIsRefusedAChange() {
        browser.click("sign-out");
        signIn("vera");
        browser.open("/models/fraud/rollout");
        browser.waitForText("rollout-split", "v1 stable 100 %");
        assertThat(browser.driver.findElements(By.id("promote"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("rollback"))).isEmpty();
        browser.open("/models/fraud/deploy");
        browser.click("pattern-shadow");
        new Select(browser.id("version")).selectByValue("2");
        browser.click("review");
        browser.waitForText("error-message", "vera is a viewer: only an operator or admin may do this");
        browser.open("/");
        browser.waitForText("stage-fraud", "SERVING");
    }

    @Test
    @Order(14)
    void theAuditTrailShowsWhoDidWhat() throws IOException {
        browser.open("/governance/audit");
        browser.waitForText("audit", "refused");
        String audit = browser.text("audit");
        assertThat(audit)
                .contains("alice deployment fraud revision 1: v1 stable 100 %")
                .contains("v2 shadow")
                .contains("v2 canary 25 %")
                .contains("promote canary")
                .contains("rollback")
                .contains("alice publish fraud v2 sha256")
                .contains("alice score-file fraud labelled.csv")
                .contains("alice load-test fraud")
                .contains("vera POST /models/fraud/deploy/review fraud needs the operator role refused");
        docs("console-audit");
    }

    @Test
    @Order(15)
    void theModelCardPrintsAsAPdfAndPrintMediaHidesTheNavigation() {
        browser.open("/models/fraud/versions/1/card");
        browser.waitForText("model-card", "Model card: fraud v1");
        byte[] pdf = Base64.getDecoder()
                .decode(browser.driver.print(new PrintOptions()).getContent());
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(pdf.length).as("PDF bytes").isGreaterThan(1_000);

        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.<String, Object>of("media", "print"));
        try {
            assertThat(browser.id("nav-home").isDisplayed())
                    .as("the navigation")
                    .isFalse();
            assertThat(browser.id("sign-out").isDisplayed()).isFalse();
            assertThat(browser.driver
                            .findElement(By.cssSelector("#model-card .no-print"))
                            .isDisplayed())
                    .as("the print button")
                    .isFalse();
            assertThat(browser.id("model-card").isDisplayed()).isTrue();
            assertThat(browser.text("model-card")).contains("Model card: fraud v1", "sha256", "v1 stable 100 %");
        } finally {
            browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.<String, Object>of("media", ""));
        }
    }

    private static void signIn(String user) {
        browser.open("/login");
        browser.type("username", user);
        browser.type("password", ConsoleFixture.PASSWORD);
        browser.click("sign-in");
        browser.waitForText("signed-in-user", user);
    }

    /** Goes through the deploy wizard and its review, and confirms. */
    private static void change(String wizard, String pattern, String version, Map<String, String> fields) {
        browser.open(wizard);
        new Select(browser.id("version")).selectByValue(version);
        browser.click("pattern-" + pattern);
        fields.forEach(browser::type);
        browser.click("review");
        browser.waitForText("review-command", "scorerctl " + pattern + " fraud");
        if (pattern.equals("shadow")) {
            // the scorer has reported (the home badges filled in): the review names where shadow predictions go
            assertThat(browser.text("review-note"))
                    .isEqualTo("shadow predictions go to " + shadowTopic + " (scorer-1)");
        }
        browser.click("confirm");
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("published-notice")));
    }

    /** A screenshot for the README when -Dconsole.docs names the folder, always one in target/screenshots. */
    private static void docs(String name) throws IOException {
        Path shot = browser.screenshot(name);
        String docs = System.getProperty("console.docs");
        if (docs != null && !docs.isBlank()) {
            Files.createDirectories(Path.of(docs));
            Files.copy(shot, Path.of(docs).resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Saves the page of a failed step as {@code target/screenshots/FAILED-<test>.png}. */
    static final class ScreenshotOnFailure implements TestWatcher {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                try {
                    browser.screenshot(
                            "FAILED-" + context.getRequiredTestMethod().getName());
                } catch (IOException | RuntimeException e) {
                    cause.addSuppressed(e);
                }
            }
        }
    }
}
