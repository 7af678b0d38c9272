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

    /**
     * The same assignment with each value in its parameter's type (stored JSON reads 30 back as an Integer and 0.5 as
     * a Double either way; a choice is replaced by the equal object of the choice list), in the space's order.
     */
    public Map<String, Object> normalise(Map<String, Object> values) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Param p : params) {
            Object v = values.get(p.name());
            if (v == null) {
                throw BadInputException.ofField(p.name(), "has no value");
            }
            m.put(p.name(), switch (p) {
                case Param.IntParam i -> ((Number) v).intValue();
                case Param.FloatParam f -> ((Number) v).doubleValue();
                case Param.CategoricalParam c -> c.choices().get(c.index(v));
            });
        }
        return m;
    }
}
