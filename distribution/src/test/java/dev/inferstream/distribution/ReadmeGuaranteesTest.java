/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** README's "Guarantees" table names the tests that pin each promise: they must exist. */
class ReadmeGuaranteesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern TEST_NAME = Pattern.compile("`([A-Z]\\w*(?:Test|IT))(?:\\.(\\w+))?`");

    @Test
    void everyTestTheGuaranteesTableNamesExists() throws IOException {
        List<String> rows = guaranteeRows();
        assertThat(rows).as("rows of README's Guarantees table").hasSizeGreaterThanOrEqualTo(10);
        Map<String, Path> sources = testSources();
        List<String> missing = new ArrayList<>();
        int named = 0;
        for (String row : rows) {
            String[] cells = row.split("\\|");
            String pinnedBy = cells[cells.length - 1];
            Matcher m = TEST_NAME.matcher(pinnedBy);
            int inRow = 0;
            while (m.find()) {
                inRow++;
                Path source = sources.get(m.group(1));
                if (source == null) {
                    missing.add(m.group(1) + " (no such test class)");
                } else if (m.group(2) != null
                        && !Files.readString(source).matches("(?s).*\\bvoid " + m.group(2) + "\\(.*")) {
                    missing.add(m.group(1) + "." + m.group(2) + " (no such test method)");
                }
            }
            assertThat(inRow).as("tests named by the row: " + row).isPositive();
            named += inRow;
        }
        assertThat(named).isGreaterThan(rows.size());
        assertThat(missing)
                .as("tests named in README's Guarantees that do not exist")
                .isEmpty();
    }

    private static List<String> guaranteeRows() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("\n## Guarantees\n");
        assertThat(start).as("README has a Guarantees section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end)
                .lines()
                .filter(l -> l.startsWith("| **"))
                .collect(Collectors.toList());
    }

    private static Map<String, Path> testSources() {
        try (Stream<Path> files = Files.walk(ROOT, 12)) {
            return files.filter(p -> p.toString().contains("/src/test/java/"))
                    .filter(p -> p.getFileName().toString().endsWith(".java"))
                    .collect(Collectors.toMap(
                            p -> p.getFileName().toString().replace(".java", ""), p -> p, (a, b) -> a));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
