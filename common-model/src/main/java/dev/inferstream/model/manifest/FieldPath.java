package dev.inferstream.model.manifest;

import java.util.List;

/** A dotted path to a record field, e.g. {@code device.os}; parsed once when the manifest loads. */
public record FieldPath(String text, List<String> segments) {

    public static FieldPath parse(String text) {
        if (text == null || text.isBlank() || text.startsWith(".") || text.endsWith(".") || text.contains("..")) {
            throw new IllegalArgumentException("'" + text + "' is not a field path: use names joined by dots, "
                    + "e.g. amount or device.os");
        }
        return new FieldPath(text, List.of(text.split("\\.")));
    }

    @Override
    public String toString() {
        return text;
    }
}
