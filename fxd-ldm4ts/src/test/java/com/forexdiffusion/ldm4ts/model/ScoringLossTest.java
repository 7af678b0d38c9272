package com.forexdiffusion.ldm4ts.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class ScoringLossTest {

    @Test
    void fairCrpsMatchesHandComputedValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            // window 1, samples {1, 3}, y = 2: (1 + 1)/2 − (2 + 2)/(2·2·1) = 0
            // window 2, samples {0, 1, 4}, y = 3: (3 + 2 + 1)/3 − (1 + 4 + 3)·2/(2·3·2) = 2 − 4/3 = 2/3
            NDArray two = m.create(new float[] {1, 3}, new Shape(1, 2, 1));
            assertThat(ScoringLoss.fairCrps(two, m.create(new float[] {2}, new Shape(1, 1))).getFloat(0, 0))
                    .isCloseTo(0f, offset(1e-6f));
            NDArray three = m.create(new float[] {0, 1, 4}, new Shape(1, 3, 1));
            assertThat(ScoringLoss.fairCrps(three, m.create(new float[] {3}, new Shape(1, 1))).getFloat(0, 0))
                    .isCloseTo(2f / 3, offset(1e-6f));
            // one sample: the absolute error
            NDArray one = m.create(new float[] {2, -1}, new Shape(1, 1, 2));
            NDArray c = ScoringLoss.fairCrps(one, m.create(new float[] {5, 1}, new Shape(1, 2)));
            assertThat(c.toFloatArray()).containsExactly(3f, 2f);
        }
    }

    /** Unbiased: averaged over many pairs of draws from N(0, 1) it is the closed-form CRPS of the normal. */
    @Test
    void fairCrpsOfTwoDrawsIsUnbiasedForTheNormalsClosedForm() {
        int windows = 200_000;
        double y = 0.7;
        float[] x = new float[windows * 2];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) gaussian(r);
        }
        float[] ys = new float[windows];
        java.util.Arrays.fill(ys, (float) y);
        try (NDManager m = NDManager.newBaseManager()) {
            double mean = ScoringLoss.fairCrps(m.create(x, new Shape(windows, 2, 1)), m.create(ys, new Shape(windows, 1)))
                    .mean().getFloat();
            // Gneiting & Raftery: CRPS(N(0,1), y) = y(2Φ(y) − 1) + 2φ(y) − 1/√π
            double phi = Math.exp(-y * y / 2) / Math.sqrt(2 * Math.PI);
            double cdf = 0.7580363477769269; // Φ(0.7)
            double exact = y * (2 * cdf - 1) + 2 * phi - 1 / Math.sqrt(Math.PI);
            assertThat(mean).isCloseTo(exact, offset(0.005));
        }
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
