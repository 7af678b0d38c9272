package com.forexdiffusion.ldm4ts.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ShrinkageTest {

    @Test
    void theFactorIsTheLeastSquaresScaleClippedToTheUnitInterval() {
        Shrinkage s = new Shrinkage(3);
        // horizon 0: means 1, 2 and outcomes 0.5, 0.5 → Σmy = 1.5, Σm² = 5 → 0.3
        s.add(0, 1, 0.5);
        s.add(0, 2, 0.5);
        // horizon 1: outcomes opposite to the means → negative, clipped to 0
        s.add(1, 1, -1);
        // horizon 2: outcomes twice the means → 2, clipped to 1
        s.add(2, 1, 2);
        assertThat(s.factors().get(0)).isCloseTo(0.3, within(1e-12));
        assertThat(s.factors()).element(1).isEqualTo(0.0);
        assertThat(s.factors()).element(2).isEqualTo(1.0);
    }

    @Test
    void shrinkingMovesTheMeanAndKeepsTheSpread() {
        float[][][] z = {{{1f, 10f}, {3f, 20f}}};
        Shrinkage.apply(z, List.of(0.5, 1.0));
        // mean 2 → 1 (shift −1); the draws keep their distance of 2
        assertThat(z[0][0][0]).isEqualTo(0f);
        assertThat(z[0][1][0]).isEqualTo(2f);
        assertThat(z[0][0][1]).isEqualTo(10f);
        assertThat(z[0][1][1]).isEqualTo(20f);
        Shrinkage.apply(z, null);
        assertThat(z[0][1][0]).isEqualTo(2f);
    }
}
