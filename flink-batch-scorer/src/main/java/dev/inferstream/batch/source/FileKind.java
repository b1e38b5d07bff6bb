/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

/** The file formats the batch scorer reads. */
public enum FileKind {
    AVRO,
    CSV,
    PARQUET;

    FileLayout layout() {
        return switch (this) {
            case AVRO -> new AvroLayout();
            case CSV -> new CsvLayout();
            case PARQUET -> new ParquetLayout();
        };
    }

    SplitRows.Opener opener() {
        return switch (this) {
            case AVRO -> AvroSplitRows::new;
            case CSV -> CsvSplitRows::new;
            case PARQUET -> ParquetSplitRows::new;
        };
    }
}
