/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.catalog;

import java.util.ArrayList;
import java.util.List;

/** A line diff of two manifests (longest common subsequence), for the side-by-side comparison. */
public final class ManifestDiff {
    /** One line: {@code ' '} in both, {@code '-'} only in the first, {@code '+'} only in the second. */
    public record Line(char kind, String text) {}

    private ManifestDiff() {}

    public static List<Line> lines(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        int[][] lcs = new int[x.length + 1][y.length + 1];
        for (int i = x.length - 1; i >= 0; i--) {
            for (int j = y.length - 1; j >= 0; j--) {
                lcs[i][j] = x[i].equals(y[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Line> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < x.length && j < y.length) {
            if (x[i].equals(y[j])) {
                out.add(new Line(' ', x[i]));
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(new Line('-', x[i++]));
            } else {
                out.add(new Line('+', y[j++]));
            }
        }
        while (i < x.length) {
            out.add(new Line('-', x[i++]));
        }
        while (j < y.length) {
            out.add(new Line('+', y[j++]));
        }
        return out;
    }
}
