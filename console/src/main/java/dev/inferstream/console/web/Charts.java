/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.inferstream.console.lifecycle.RolloutView;
import java.util.List;
import java.util.Map;

/**
 * Chart descriptions for the page's script ({@code data-chart} attributes, drawn with Chart.js): a kind, axis
 * titles and the datasets, as JSON.
 */
public final class Charts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Charts() {}

    /** Lines over time: x in seconds before now. */
    public static String lines(String yTitle, List<RolloutView.Series> series) {
        ObjectNode chart = chart("line", "seconds ago", yTitle);
        ArrayNode datasets = chart.putArray("datasets");
        for (RolloutView.Series s : series) {
            ObjectNode d = datasets.addObject().put("label", s.label());
            ArrayNode data = d.putArray("data");
            s.points().forEach(p -> data.addObject().put("x", p[0]).put("y", p[1]));
        }
        return write(chart);
    }

    /** Bars with category labels. */
    public static String bars(
            String xTitle, String yTitle, List<String> labels, List<String> names, List<double[]> values) {
        ObjectNode chart = chart("bar", xTitle, yTitle);
        ArrayNode l = chart.putArray("labels");
        labels.forEach(l::add);
        ArrayNode datasets = chart.putArray("datasets");
        for (int i = 0; i < names.size(); i++) {
            ObjectNode d = datasets.addObject().put("label", names.get(i));
            ArrayNode data = d.putArray("data");
            for (double v : values.get(i)) {
                data.add(v);
            }
        }
        return write(chart);
    }

    /** Points (x, y) per named dataset, e.g. a ROC curve or a score-vs-score scatter. */
    public static String points(
            String kind, String xTitle, String yTitle, List<String> names, List<List<double[]>> sets) {
        ObjectNode chart = chart(kind, xTitle, yTitle);
        ArrayNode datasets = chart.putArray("datasets");
        for (int i = 0; i < names.size(); i++) {
            ObjectNode d = datasets.addObject().put("label", names.get(i));
            ArrayNode data = d.putArray("data");
            sets.get(i).forEach(p -> data.addObject().put("x", p[0]).put("y", p[1]));
        }
        return write(chart);
    }

    /**
     * A waterfall: from the base value, each step's contribution as a floating bar, to the final value.
     *
     * @param steps (label, contribution) in the order drawn
     */
    public static String waterfall(String yTitle, double base, List<String> labels, List<Double> steps, double value) {
        ObjectNode chart = chart("waterfall", "", yTitle);
        ArrayNode l = chart.putArray("labels");
        ArrayNode data =
                chart.putArray("datasets").addObject().put("label", yTitle).putArray("data");
        l.add("base value");
        data.addArray().add(0).add(base);
        double at = base;
        for (int i = 0; i < steps.size(); i++) {
            l.add(labels.get(i));
            data.addArray().add(at).add(at + steps.get(i));
            at += steps.get(i);
        }
        l.add("prediction");
        data.addArray().add(0).add(value);
        return write(chart);
    }

    /** Named chart descriptions as one JSON object: {@code {"events": {...}, ...}}. */
    public static String object(Map<String, String> charts) {
        ObjectNode all = JSON.createObjectNode();
        try {
            for (Map.Entry<String, String> c : charts.entrySet()) {
                all.set(c.getKey(), JSON.readTree(c.getValue()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return write(all);
    }

    private static ObjectNode chart(String kind, String xTitle, String yTitle) {
        return JSON.createObjectNode().put("kind", kind).put("x", xTitle).put("y", yTitle);
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
