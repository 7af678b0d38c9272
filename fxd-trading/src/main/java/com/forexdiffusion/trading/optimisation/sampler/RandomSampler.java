package com.forexdiffusion.trading.optimisation.sampler;

import com.forexdiffusion.trading.optimisation.space.SearchSpace;
import org.hipparchus.random.RandomGenerator;

import java.util.List;
import java.util.Map;

/** Uniform draws in the unit cube (log-uniform for log parameters): the control every other sampler must beat. */
public final class RandomSampler implements Sampler {
    @Override
    public String name() {
        return "random";
    }

    @Override
    public Map<String, Object> suggest(SearchSpace space, List<Observation> observed,
                                       List<Map<String, Object>> pending, RandomGenerator rng) {
        return space.fromUnit(uniform(space.size(), rng));
    }

    static double[] uniform(int d, RandomGenerator rng) {
        double[] u = new double[d];
        for (int i = 0; i < d; i++) {
            u[i] = rng.nextDouble();
        }
        return u;
    }
}
