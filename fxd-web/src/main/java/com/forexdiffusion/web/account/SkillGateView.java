package com.forexdiffusion.web.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * The skill gate of a paper session, read from the engine state it saved after its last bar (one state, or one per
 * symbol): whether the gate let the engine act at the last decision bar, the signals it stood aside on, and the
 * record it judged by (resolved forecasts, CRPS ratio to the random walk, directional hit rate). Sessions that
 * trade without the gate (off, or saved before it existed) have no decision bars counted: state "off".
 */
final class SkillGateView {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SkillGateView() {
    }

    /** By symbol; an empty object before the first bar. */
    static ObjectNode of(String symbols, String stateJson) {
        ObjectNode out = JSON.createObjectNode();
        if (stateJson == null) {
            return out;
        }
        JsonNode state;
        try {
            state = JSON.readTree(stateJson);
        } catch (java.io.IOException e) {
            return out;
        }
        if (symbols.contains(",")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = state.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), symbol(e.getValue().path("skillGate")));
            }
        } else {
            out.set(symbols, symbol(state.path("skillGate")));
        }
        return out;
    }

    private static ObjectNode symbol(JsonNode g) {
        ObjectNode o = JSON.createObjectNode();
        long bars = g.path("decisionBars").asLong();
        o.put("state", g.isMissingNode() || g.isNull() || bars == 0 ? "off"
                : g.path("wasOpen").asBoolean() ? "open" : "closed");
        o.put("decision_bars", bars);
        o.put("bars_warming_up", g.path("warmupBars").asLong());
        o.put("bars_no_skill", g.path("noSkillBars").asLong());
        o.put("signals", g.path("signals").asLong());
        o.put("signals_stood_aside", g.path("stoodAside").asLong());
        // The record's window as the engine saves it: three columns, oldest first (SkillRecord.State).
        JsonNode r = g.path("record");
        double model = 0;
        double rw = 0;
        for (JsonNode x : r.path("modelCrps")) {
            model += x.asDouble();
        }
        for (JsonNode x : r.path("randomWalkCrps")) {
            rw += x.asDouble();
        }
        long calls = 0;
        long hits = 0;
        for (JsonNode c : r.path("calls")) {
            calls += c.asInt() >= 0 ? 1 : 0;
            hits += c.asInt() == 1 ? 1 : 0;
        }
        o.put("resolved_forecasts", r.path("calls").size());
        if (rw > 0) {
            o.put("crps_ratio", model / rw);
        } else {
            o.putNull("crps_ratio");
        }
        if (calls > 0) {
            o.put("direction_accuracy", (double) hits / calls);
        } else {
            o.putNull("direction_accuracy");
        }
        o.put("direction_calls", calls);
        return o;
    }
}
