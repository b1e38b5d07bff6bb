/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.web;

import dev.inferstream.console.auth.AccessControl;
import dev.inferstream.console.auth.User;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live parts of the pages, over server-sent events: a page subscribes to a view ({@code home},
 * {@code rollout:<model>}) and receives the view's HTML fragment, as an event named like the view, whenever the
 * console's state changed, and at least every few intervals (ages and rates move with time).
 */
public final class EventsHandler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventsHandler.class);
    private static final int FORCE_EVERY = 5;

    /** Renders a view's fragment: (argument after the colon, user, the subscription's other query parameters). */
    public interface View {
        String render(String argument, User user, Map<String, String> options);
    }

    private record Subscriber(
            SseClient client, String view, String argument, User user, Map<String, String> options, long[] sent) {}

    private final Map<String, View> views;
    private final LongSupplier stateVersion;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "console-live");
        t.setDaemon(true);
        return t;
    });
    private long ticks;

    public EventsHandler(Map<String, View> views, LongSupplier stateVersion, Duration interval) {
        this.views = Map.copyOf(views);
        this.stateVersion = stateVersion;
        timer.scheduleWithFixedDelay(this::push, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Opens a stream: {@code GET /events?view=rollout:fraud&range=1h}; parameters besides the view go to it. */
    public void subscribe(SseClient client) {
        String view = client.ctx().queryParam("view");
        if (view == null) {
            client.close();
            return;
        }
        int colon = view.indexOf(':');
        String name = colon < 0 ? view : view.substring(0, colon);
        if (!views.containsKey(name)) {
            client.close();
            return;
        }
        User user = AccessControl.user(client.ctx());
        Map<String, String> options = new HashMap<>();
        client.ctx().queryParamMap().forEach((k, v) -> {
            if (!k.equals("view") && !v.isEmpty()) {
                options.put(k, v.get(0));
            }
        });
        Subscriber s = new Subscriber(
                client, name, colon < 0 ? "" : view.substring(colon + 1), user, Map.copyOf(options), new long[] {-1});
        subscribers.add(s);
        client.onClose(() -> subscribers.remove(s));
        client.keepAlive();
    }

    public int subscribers() {
        return subscribers.size();
    }

    private void push() {
        long version = stateVersion.getAsLong();
        boolean force = ++ticks % FORCE_EVERY == 0;
        for (Subscriber s : subscribers) {
            if (s.client().terminated()) {
                subscribers.remove(s);
                continue;
            }
            if (!force && s.sent()[0] == version) {
                continue;
            }
            try {
                String id = s.argument().isEmpty() ? s.view() : s.view() + ":" + s.argument();
                s.client().sendEvent(id, views.get(s.view()).render(s.argument(), s.user(), s.options()));
                s.sent()[0] = version;
            } catch (RuntimeException e) {
                LOG.debug("live view {} not sent: {}", s.view(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        subscribers.forEach(s -> s.client().close());
    }
}
