package com.forexdiffusion.trading.optimisation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.forexdiffusion.trading.optimisation.objective.BacktestObjective;
import com.forexdiffusion.trading.optimisation.overfitting.BacktestOverfitting;
import com.forexdiffusion.trading.optimisation.overfitting.DeflatedSharpe;
import com.forexdiffusion.trading.optimisation.study.StudyDefinition;
import com.forexdiffusion.trading.optimisation.study.TrialRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** study.json: the names other tools rely on (best_params, best_objective, holdout_objective, ...) and the rest. */
final class StudyJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StudyJson() {
    }

    static Map<String, Object> study(StudyDefinition def, Map<String, Object> config, TrialRecord best,
                                     BacktestObjective.Run holdout, DeflatedSharpe.Result dsr,
                                     BacktestOverfitting.Result pbo, Map<String, Double> importance,
                                     List<TrialRecord> all) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("study", def.name());
        m.put("sampler", def.sampler());
        m.put("seed", def.seed());
        m.put("workers", def.batchSize());
        m.put("config", config);
        m.put("best_trial", best.number());
        m.put("best_params", best.params());
        m.put("best_objective", best.objective());
        m.put("holdout_objective", holdout.outcome().objective());
        m.put("holdout", holdout.outcome().metrics());
        m.put("deflated_sharpe", finite(dsr.deflatedSharpe()));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("sharpe_per_day", finite(dsr.sharpe()));
        d.put("expected_max_sharpe_per_day", finite(dsr.expectedMaxSharpe()));
        d.put("trials", dsr.trials());
        d.put("observations", dsr.observations());
        d.put("skewness", finite(dsr.skewness()));
        d.put("kurtosis", finite(dsr.kurtosis()));
        m.put("deflated_sharpe_detail", d);
        m.put("pbo", pbo == null ? null : pbo.pbo());
        if (pbo != null) {
            m.put("pbo_detail", Map.of("blocks", pbo.blocks(), "splits", pbo.logits().size(), "logits",
                    pbo.logits().stream().map(StudyJson::finite).toList()));
        }
        m.put("importance", importance);
        List<Double> convergence = new ArrayList<>();
        double b = Double.NEGATIVE_INFINITY;
        for (TrialRecord t : all) {
            b = Math.max(b, t.objective());
            convergence.add(b);
        }
        m.put("convergence", convergence);
        List<Map<String, Object>> trials = new ArrayList<>();
        for (TrialRecord t : all) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("number", t.number());
            x.put("params", t.params());
            x.put("objective", t.objective());
            x.put("metrics", t.metrics());
            x.put("duration_ms", t.durationMs());
            trials.add(x);
        }
        m.put("trials", trials);
        return m;
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static String write(Object o) {
        try {
            return JSON.writeValueAsString(sanitise(o));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON has no NaN or infinity: such figures become null. */
    @SuppressWarnings("unchecked")
    private static Object sanitise(Object o) {
        if (o instanceof Double x && !Double.isFinite(x)) {
            return null;
        }
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> c = new LinkedHashMap<>();
            m.forEach((k, v) -> c.put(String.valueOf(k), sanitise(v)));
            return c;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(StudyJson::sanitise).toList();
        }
        return o;
    }
}
