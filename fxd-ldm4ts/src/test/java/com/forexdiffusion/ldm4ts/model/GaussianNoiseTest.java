package com.forexdiffusion.ldm4ts.model;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GaussianNoiseTest {

    @Test
    void antitheticRowsAreNegatedPairsOfStandardNormals() {
        int windows = 400;
        int samples = 5;
        int d = 3;
        SplittableRandom[] r = new SplittableRandom[windows];
        for (int i = 0; i < windows; i++) {
            r[i] = new SplittableRandom(i);
        }
        float[] v;
        try (NDManager m = NDManager.newBaseManager()) {
            v = GaussianNoise.antithetic(m, windows, samples, d, r).toFloatArray();
        }
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < windows; i++) {
            int base = i * samples * d;
            for (int k = 0; k < 2; k++) {
                for (int j = 0; j < d; j++) {
                    assertThat(v[base + (2 * k + 1) * d + j]).isEqualTo(-v[base + 2 * k * d + j]);
                }
            }
            // the odd fifth row is a fresh draw, not a copy of any other
            assertThat(v[base + 4 * d]).isNotEqualTo(v[base]).isNotEqualTo(-v[base]);
            for (int j = 0; j < samples * d; j++) {
                sum += v[base + j];
                sq += v[base + j] * v[base + j];
            }
        }
        int n = windows * samples * d;
        // the pairs cancel: only the 1 200 fresh fifth-row values contribute to the sum (sd of mean ≈ 0.006)
        assertThat(sum / n).isCloseTo(0, within(0.03));
        // unit variance: sd of the estimate is about sqrt(2 / 2 400) ≈ 0.03 (the pairs are not independent)
        assertThat(sq / n).isCloseTo(1, within(0.12));
    }
}
