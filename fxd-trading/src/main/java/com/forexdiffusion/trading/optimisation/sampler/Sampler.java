package com.forexdiffusion.trading.optimisation.sampler;

import com.forexdiffusion.trading.optimisation.space.SearchSpace;
import org.hipparchus.random.RandomGenerator;

import java.util.List;
import java.util.Map;

/**
 * Proposes the next parameters to try, minimising the loss. A sampler keeps no state between calls: a suggestion
 * is a function of the space, the finished trials, the pending ones and the generator only, so a study that
 * resumes from its stored trials proposes exactly what it would have proposed without the interruption.
 */
public interface Sampler {
    String name();

    /**
     * @param observed finished trials, in trial order
     * @param pending  parameters of trials proposed but not finished (parallel trials), in trial order
     * @param rng      this trial's generator (seeded by the study seed and the trial number)
     */
    Map<String, Object> suggest(SearchSpace space, List<Observation> observed, List<Map<String, Object>> pending,
                                RandomGenerator rng);
}
