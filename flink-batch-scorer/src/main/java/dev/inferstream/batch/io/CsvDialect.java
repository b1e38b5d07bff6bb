/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.io;

import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * The CSV the batch scorer reads and writes: RFC 4180 (comma-separated, fields quoted with {@code "} when they hold
 * a comma, a quote or a line break, quotes doubled inside quotes, CRLF between records); on input, LF alone also
 * ends a record and empty lines are skipped. The first record is the header.
 */
public final class CsvDialect {
    /** How input files are parsed. */
    public static final CSVFormat READ =
            CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    /** How output files (and the raw value of a CSV row's dead letter) are written. */
    public static final CSVFormat WRITE = CSVFormat.RFC4180;

    private CsvDialect() {}

    /** One record as RFC 4180 text, without the record separator. */
    public static String format(List<String> cells) {
        return WRITE.format(cells.toArray());
    }
}
