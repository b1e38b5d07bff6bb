/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver, both from fixed paths (no Selenium Manager download),
 * with a fresh profile; one per test class. Finds elements by id, waits for conditions, saves screenshots.
 */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = System.getProperty("console.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("console.chromedriver", "/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final String base;
    private final Path profile;
    private final Path screenshots;

    Browser(String base, Path screenshots) throws IOException {
        this.base = base;
        this.screenshots = screenshots;
        this.profile = Files.createTempDirectory("console-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile,
                "--window-size=1360,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1360, 1000));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    static boolean available() {
        return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebElement id(String id) {
        return waitFor(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    void type(String id, String text) {
        WebElement field = id(id);
        field.clear();
        field.sendKeys(text);
    }

    void click(String id) {
        waitFor(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    /** Waits until the element with {@code id} shows {@code text}. */
    void waitForText(String id, String text) {
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    <T> T waitFor(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        // live parts are re-rendered over SSE: an element found a moment ago may have been replaced since
        return new WebDriverWait(driver, Duration.ofSeconds(90), Duration.ofMillis(200))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .until(condition);
    }

    String text(String id) {
        return id(id).getText();
    }

    String page() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Saves the page as {@code <name>.png} among the test's screenshots; returns where. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(screenshots);
        Path target = screenshots.resolve(name + ".png");
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}
