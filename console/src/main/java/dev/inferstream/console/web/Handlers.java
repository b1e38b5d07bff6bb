/*
 * Copyright 2026 The inferstream Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.inferstream.console.web;

import dev.inferstream.console.ConsoleServices;
import dev.inferstream.console.lifecycle.ChartRange;
import java.util.Map;

/** One handler per resource, built once over the console's services. */
public final class Handlers {
    public final LoginHandler login;
    public final HomeHandler home;
    public final EventsHandler events;
    public final CatalogHandler catalog;
    public final PublishHandler publish;
    public final RolloutHandler rollout;
    public final DeployHandler deploy;
    public final PredictHandler predict;
    public final UploadHandler upload;
    public final LoadTestHandler load;
    public final DeadLetterHandler deadLetters;
    public final DriftHandler drift;
    public final GovernanceHandler governance;

    public Handlers(Pages pages, ConsoleServices services) {
        login = new LoginHandler(pages, services.access(), services.users(), services.generatedUsers());
        home = new HomeHandler(pages, services.overviews());
        catalog = new CatalogHandler(pages, services);
        publish = new PublishHandler(pages, services);
        rollout = new RolloutHandler(pages, services);
        deploy = new DeployHandler(pages, services);
        predict = new PredictHandler(pages, services);
        upload = new UploadHandler(pages, services);
        load = new LoadTestHandler(pages, services);
        deadLetters = new DeadLetterHandler(pages, services);
        drift = new DriftHandler(pages, services);
        governance = new GovernanceHandler(pages, services);
        events = new EventsHandler(
                Map.of(
                        "home",
                        (arg, user, options) -> home.rows(user.may(dev.inferstream.console.auth.Role.OPERATOR)),
                        "rollout",
                        (model, user, options) -> rollout.live(model, ChartRange.parse(options.get("range")))),
                services.state()::version,
                services.config().refreshInterval());
    }
}
