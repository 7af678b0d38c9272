package com.forexdiffusion.trading.report;

import com.forexdiffusion.trading.skill.SkillGate;
import com.forexdiffusion.trading.skill.SkillGateConfig;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The skill gate in metrics.json (the {@code skill_gate} object) and in the HTML report, per symbol. */
public final class SkillGateFigures {
    private SkillGateFigures() {
    }

    /**
     * The setting, the state at the end (the symbols' own, or "mixed"), the signals stood aside in all, and per
     * symbol the record at the end and what the gate held back.
     */
    public static Map<String, Object> json(Map<String, SkillGate.Summary> bySymbol) {
        SkillGate.Summary first = bySymbol.values().iterator().next();
        Map<String, Object> m = setting(first.config());
        m.put("horizon_minutes", first.horizonMinutes());
        m.put("state", bySymbol.values().stream().map(s -> s.end().state().label()).distinct().reduce((a, b) -> "mixed")
                .orElse("off"));
        m.put("signals", bySymbol.values().stream().mapToLong(SkillGate.Summary::signals).sum());
        m.put("signals_stood_aside", bySymbol.values().stream().mapToLong(SkillGate.Summary::stoodAside).sum());
        Map<String, Object> symbols = new LinkedHashMap<>();
        bySymbol.forEach((sym, s) -> symbols.put(sym, symbol(s)));
        m.put("by_symbol", symbols);
        return m;
    }

    /** The setting with the config file's keys (a run's config_json records it). */
    public static Map<String, Object> setting(SkillGateConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", c.enabled());
        m.put("window", c.window());
        m.put("warmup", c.warmup());
        m.put("max_crps_ratio", c.maxCrpsRatio());
        m.put("min_direction_lcb", c.minDirectionLcb());
        m.put("confidence", c.confidence());
        m.put("horizon", c.horizonMinutes());
        m.put("require", c.requireBoth() ? "both" : "either");
        return m;
    }

    private static Map<String, Object> symbol(SkillGate.Summary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        SkillGate.Verdict v = s.end();
        m.put("state", v.state().label());
        m.put("reason", v.reason());
        m.put("resolved_forecasts", v.resolved());
        m.put("resolved_total", s.resolvedTotal());
        m.put("crps_ratio", finite(v.crpsRatio()));
        m.put("direction_accuracy", finite(v.accuracy()));
        m.put("direction_lcb", finite(v.directionLcb()));
        m.put("direction_calls", v.calls());
        m.put("signals", s.signals());
        m.put("signals_stood_aside", s.stoodAside());
        m.put("decision_bars", s.decisionBars());
        m.put("bars_gated", s.gatedBars());
        m.put("bars_warming_up", s.warmupBars());
        m.put("bars_no_skill", s.noSkillBars());
        m.put("first_open_at", s.firstOpenAt() == null ? null : Instant.ofEpochMilli(s.firstOpenAt()).toString());
        m.put("closures", s.closures());
        m.put("text", s.sentence());
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** The report's "Skill gate" section: a sentence and the record's figures per symbol. */
    static void html(StringBuilder h, Map<String, SkillGate.Summary> bySymbol) {
        if (bySymbol.isEmpty()) {
            return;
        }
        h.append("<h2>Skill gate</h2>");
        bySymbol.forEach((sym, s) -> h.append("<p id=\"skill-gate-").append(esc(sym)).append("\">").append(esc(sym))
                .append(": ").append(esc(s.sentence())).append("</p>"));
        if (!bySymbol.values().iterator().next().config().enabled()) {
            return;
        }
        h.append("<table><tr><th>symbol</th><th>state</th><th>resolved</th><th>CRPS ratio</th><th>direction</th>"
                + "<th>direction lower bound</th><th>signals</th><th>stood aside</th><th>bars gated</th></tr>");
        bySymbol.forEach((sym, s) -> h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%d</td>"
                        + "<td>%s</td><td>%s</td><td>%s</td><td>%d</td><td>%d</td><td>%d of %d</td></tr>", esc(sym),
                s.end().state().label(), s.end().resolved(), fix(s.end().crpsRatio()), pct(s.end().accuracy()),
                fix(s.end().directionLcb()), s.signals(), s.stoodAside(), s.gatedBars(), s.decisionBars())));
        h.append("</table>");
    }

    private static String fix(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "";
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : "";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
