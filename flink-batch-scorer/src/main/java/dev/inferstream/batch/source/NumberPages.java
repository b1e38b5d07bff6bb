/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.batch.source;

import dev.inferstream.model.features.ColumnBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;

/**
 * Reads one flat numeric column of a row group page by page into {@link ColumnBatch} columns, without parquet-java's
 * per-value column reader (which reads two levels and checks its page for every value): plain-encoded values of a
 * required column are copied in bulk, other pages decode their definition levels and values with parquet-java's
 * own decoders for the page's encodings (dictionary, delta, byte stream split).
 */
final class NumberPages {
    private final ColumnDescriptor descriptor;
    private final PageReader pages;
    private final ColumnBatch.Kind kind;
    private final int maxDefinition;
    private final Dictionary dictionary;
    /** Values (nulls included) left in the current page. */
    private int left;
    /** A version 1 page's definition levels (length-prefixed RLE or bit-packed); null for a required column. */
    private ValuesReader v1Levels;
    /** A version 2 page's definition levels (RLE); null for a required column. */
    private RunLengthBitPackingHybridDecoder v2Levels;
    /** The current page's plain-encoded values, little-endian; null when {@link #values} decodes them. */
    private ByteBuffer plain;

    private ValuesReader values;

    NumberPages(ColumnDescriptor descriptor, PageReader pages, ColumnBatch.Kind kind) throws IOException {
        if (descriptor.getMaxRepetitionLevel() != 0 || descriptor.getMaxDefinitionLevel() > 1 || !kind.numeric()) {
            throw new IllegalArgumentException("not a flat number column: " + descriptor);
        }
        this.descriptor = descriptor;
        this.pages = pages;
        this.kind = kind;
        this.maxDefinition = descriptor.getMaxDefinitionLevel();
        DictionaryPage page = pages.readDictionaryPage();
        this.dictionary = page == null ? null : page.getEncoding().initDictionary(descriptor, page);
    }

    /** Whether this reader takes a column of {@code kind}: numbers (not booleans), flat, at most optional. */
    static boolean reads(ColumnDescriptor descriptor, ColumnBatch.Kind kind) {
        return kind.numeric()
                && kind != ColumnBatch.Kind.BOOLEAN
                && descriptor.getMaxRepetitionLevel() == 0
                && descriptor.getMaxDefinitionLevel() <= 1;
    }

    /** Reads the next {@code n} rows into rows 0..n-1 of {@code column}. */
    void read(ColumnBatch.Column column, int n) throws IOException {
        int row = 0;
        while (row < n) {
            if (left == 0) {
                nextPage();
            }
            int run = Math.min(left, n - row);
            if (v1Levels == null && v2Levels == null) {
                present(column, row, run);
            } else {
                boolean[] nulls = column.nulls();
                for (int r = row; r < row + run; r++) {
                    if (level() < maxDefinition) {
                        nulls[r] = true;
                    } else {
                        present(column, r, 1);
                    }
                }
            }
            row += run;
            left -= run;
        }
    }

    /** Reads {@code count} present values into rows {@code from}... */
    private void present(ColumnBatch.Column column, int from, int count) {
        double[] numbers = column.numbers();
        long[] longs = column.longs();
        if (plain != null) {
            switch (kind) {
                case DOUBLE -> {
                    plain.asDoubleBuffer().get(numbers, from, count);
                    plain.position(plain.position() + count * Double.BYTES);
                }
                case FLOAT -> {
                    for (int r = from; r < from + count; r++) {
                        numbers[r] = plain.getFloat();
                    }
                }
                case LONG -> {
                    plain.asLongBuffer().get(longs, from, count);
                    plain.position(plain.position() + count * Long.BYTES);
                }
                case INT -> {
                    for (int r = from; r < from + count; r++) {
                        longs[r] = plain.getInt();
                    }
                }
                default -> throw new IllegalStateException("not a number column: " + kind);
            }
            return;
        }
        for (int r = from; r < from + count; r++) {
            switch (kind) {
                case DOUBLE -> numbers[r] = values.readDouble();
                case FLOAT -> numbers[r] = values.readFloat();
                case LONG -> longs[r] = values.readLong();
                case INT -> longs[r] = values.readInteger();
                default -> throw new IllegalStateException("not a number column: " + kind);
            }
        }
    }

    private void nextPage() throws IOException {
        DataPage page = pages.readPage();
        if (page == null) {
            throw new IOException("column " + descriptor + " has fewer values than its row group has rows");
        }
        left = page.getValueCount();
        v1Levels = null;
        v2Levels = null;
        if (page instanceof DataPageV1 v1) {
            ByteBufferInputStream in = v1.getBytes().toInputStream();
            // a flat column has no repetition levels: definition levels (if optional), then the values
            if (maxDefinition > 0) {
                v1Levels = v1.getDlEncoding().getValuesReader(descriptor, ValuesType.DEFINITION_LEVEL);
                v1Levels.initFromPage(left, in);
            }
            values(v1.getValueEncoding(), in, left);
        } else if (page instanceof DataPageV2 v2) {
            if (maxDefinition > 0) {
                v2Levels = new RunLengthBitPackingHybridDecoder(
                        BytesUtils.getWidthFromMaxInt(maxDefinition),
                        v2.getDefinitionLevels().toInputStream());
            }
            values(v2.getDataEncoding(), v2.getData().toInputStream(), left);
        } else {
            throw new IOException("column " + descriptor + ": unknown page kind "
                    + page.getClass().getName());
        }
    }

    private int level() throws IOException {
        return v1Levels != null ? v1Levels.readInteger() : v2Levels.readInt();
    }

    private void values(Encoding encoding, ByteBufferInputStream in, int count) throws IOException {
        if (encoding == Encoding.PLAIN) {
            plain = in.slice(in.available()).order(ByteOrder.LITTLE_ENDIAN);
            values = null;
            return;
        }
        plain = null;
        if (encoding.usesDictionary()) {
            if (dictionary == null) {
                throw new IOException("column " + descriptor + ": a dictionary-encoded page without a dictionary");
            }
            values = encoding.getDictionaryBasedValuesReader(descriptor, ValuesType.VALUES, dictionary);
        } else {
            values = encoding.getValuesReader(descriptor, ValuesType.VALUES);
        }
        values.initFromPage(count, in);
    }
}
