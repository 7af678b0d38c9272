package com.forexdiffusion.trading.optimisation.space;

import com.forexdiffusion.core.BadInputException;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The parameters of a search, in a fixed order (the order samplers draw them in, so a seed fixes a sequence). */
public record SearchSpace(List<Param> params) {
    public SearchSpace {
        if (params == null || params.isEmpty()) {
            throw BadInputException.ofField("params", "a search space needs at least one parameter");
        }
        params = List.copyOf(params);
        Set<String> seen = new HashSet<>();
        for (Param p : params) {
            if (!seen.add(p.name())) {
                throw BadInputException.ofField(p.name(), "is declared twice");
            }
        }
    }

    public int size() {
        return params.size();
    }

    /** Parameter values at unit coordinates, one per parameter. */
    public Map<String, Object> fromUnit(double[] u) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            m.put(params.get(i).name(), params.get(i).fromUnit(u[i]));
        }
        return m;
    }

    /** Unit coordinates of a full assignment; a missing parameter is an error naming it. */
    public double[] toUnit(Map<String, Object> values) {
        double[] u = new double[params.size()];
        for (int i = 0; i < params.size(); i++) {
            Object v = values.get(params.get(i).name());
            if (v == null) {
                throw BadInputException.ofField(params.get(i).name(), "has no value");
            }
            u[i] = params.get(i).toUnit(v);
        }
        return u;
    }
}
