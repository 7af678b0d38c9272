package com.forexdiffusion.trading.optimisation.sampler;

import java.util.Map;

/** A finished trial as a sampler sees it: its parameter values and the loss to minimise. */
public record Observation(Map<String, Object> params, double loss) {
    public Observation {
        params = Map.copyOf(params);
    }
}
