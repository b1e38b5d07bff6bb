/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console;

import static org.assertj.core.api.Assertions.assertThat;

/** Parts of a page's HTML for assertions, found by the stable ids the pages give their elements. */
public final class HtmlText {
    private HtmlText() {}

    /** From {@code from} up to the next {@code to} (or the end); fails when {@code from} is not in the page. */
    public static String between(String page, String from, String to) {
        int start = page.indexOf(from);
        assertThat(start).as(from + " in the page").isNotNegative();
        int end = page.indexOf(to, start);
        return page.substring(start, end < 0 ? page.length() : end);
    }

    /** The element with {@code id} up to the end of its table row (or paragraph, if that ends first). */
    public static String element(String page, String id) {
        String from = between(page, "id=\"" + id + "\"", "</tr>");
        int paragraph = from.indexOf("</p>");
        return paragraph < 0 ? from : from.substring(0, paragraph);
    }
}
