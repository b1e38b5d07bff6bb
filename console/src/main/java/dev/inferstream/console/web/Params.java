/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.math.BigDecimal;

/** Reads form and path values, refusing a bad one with 400 and the field's name. */
final class Params {
    private Params() {}

    static String text(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    static String required(Context ctx, String name, String label) {
        String value = text(ctx, name);
        if (value == null) {
            throw new BadRequestResponse(label + " is missing: fill it in");
        }
        return value;
    }

    static int integer(Context ctx, String name, String label) {
        return integer(required(ctx, name, label), label);
    }

    static Integer optionalInteger(Context ctx, String name, String label) {
        String text = text(ctx, name);
        return text == null ? null : integer(text, label);
    }

    static int integer(String text, String label) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestResponse(label + " '" + text + "' is not a whole number");
        }
    }

    static Double optionalNumber(Context ctx, String name, String label) {
        String text = text(ctx, name);
        if (text == null) {
            return null;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new BadRequestResponse(label + " '" + text + "' is not a number");
        }
    }

    static BigDecimal decimal(Context ctx, String name, String label) {
        String text = required(ctx, name, label);
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new BadRequestResponse(label + " '" + text + "' is not a number");
        }
    }

    static int pathVersion(Context ctx) {
        return integer(ctx.pathParam("version"), "version");
    }
}
