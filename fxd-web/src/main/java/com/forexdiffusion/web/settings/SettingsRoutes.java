package com.forexdiffusion.web.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.forexdiffusion.web.http.ApiException;
import com.forexdiffusion.web.http.Routes;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * GET /api/settings and PUT /api/settings (the fields to change; 400 with a message per bad field). Both answer
 * the settings with their status light: grey (disabled), green (enabled, checkpoint loads), orange (enabled, no
 * valid checkpoint).
 */
public final class SettingsRoutes implements Routes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SettingsStore store;
    private final CheckpointCheck checkpoints;
    private final InstantSource clock;
    private final Consumer<ObjectNode> onSaved;

    public SettingsRoutes(SettingsStore store, CheckpointCheck checkpoints, InstantSource clock,
                          Consumer<ObjectNode> onSaved) {
        this.store = store;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.onSaved = onSaved;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/settings", ctx -> ctx.json(view(store.load())));
        app.put("/api/settings", this::put);
    }

    private void put(Context ctx) {
        JsonNode body;
        try {
            body = JSON.readTree(ctx.body());
        } catch (IOException e) {
            throw ApiException.badField("body", "not valid JSON");
        }
        Ldm4tsSettings next = SettingsForm.merge(store.load(), body);
        store.save(next, clock.millis());
        ObjectNode v = view(next);
        onSaved.accept(v);
        ctx.json(v);
    }

    ObjectNode view(Ldm4tsSettings s) {
        ObjectNode o = JSON.createObjectNode();
        o.set("settings", SettingsForm.toJson(s));
        ObjectNode st = o.putObject("status");
        if (!s.enabled()) {
            st.put("light", "grey");
            st.put("message", "LDM4TS disabled: forecasts come from the baselines");
        } else {
            Optional<String> problem = checkpoints.problem(s.checkpoint());
            st.put("light", problem.isEmpty() ? "green" : "orange");
            st.put("message", problem.map(p -> "enabled, but the checkpoint is not usable: " + p)
                    .orElse("checkpoint loaded"));
        }
        return o;
    }
}
