/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivesTest {
    @TempDir
    Path dir;

    @Test
    void extractsFoldersAndFilesIncludingLongNames() throws IOException {
        String longName = "apicurio/" + "lib/".repeat(30) + "registry-runner.jar";
        Path archive = archive("apicurio/", null, longName, "runner bytes", "apicurio/README", "hello");

        Archives.extractTarGz(archive, dir.resolve("out"));

        assertThat(dir.resolve("out/apicurio")).isDirectory();
        assertThat(dir.resolve("out").resolve(longName)).hasContent("runner bytes");
        assertThat(dir.resolve("out/apicurio/README")).hasContent("hello");
    }

    @Test
    void refusesAnEntryThatEscapesTheTargetFolder() throws IOException {
        Path archive = archive("../escaped.txt", "nope");

        assertThatThrownBy(() -> Archives.extractTarGz(archive, dir.resolve("out")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("escapes the target folder");
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
    }

    /** A .tar.gz of (name, content) pairs; a null content makes a folder. */
    private Path archive(String... namesAndContents) throws IOException {
        Path archive = dir.resolve("test.tar.gz");
        try (OutputStream file = Files.newOutputStream(archive);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (int i = 0; i < namesAndContents.length; i += 2) {
                String content = namesAndContents[i + 1];
                TarArchiveEntry entry = new TarArchiveEntry(namesAndContents[i]);
                byte[] bytes = content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
                entry.setSize(bytes.length);
                tar.putArchiveEntry(entry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
        return archive;
    }
}
