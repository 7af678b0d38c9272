package com.forexdiffusion.ldm4ts.fusion;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.forexdiffusion.ldm4ts.nn.Params;
import com.forexdiffusion.ldm4ts.nn.Tensors;
import com.forexdiffusion.ldm4ts.train.AdamW;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PatchTstPathwayTest {

    @Test
    void patchCountFollowsThePaddedLookback() {
        // PatchTST's own sizes: lookback 96 (+8 padding), patch 16, stride 8 → 12 patches; lookback 336 → 42.
        assertThat(PatchTstPathway.patchCount(96, 16, 8)).isEqualTo(12);
        assertThat(PatchTstPathway.patchCount(336, 16, 8)).isEqualTo(42);
        assertThat(PatchTstPathway.patchCount(100, 16, 8)).isEqualTo(12);
    }

    @Test
    void patchesMatchAHandBuiltExample() {
        try (NDManager m = NDManager.newBaseManager()) {
            Params p = new Params(m, 1);
            // lookback 6, patch 4, stride 2: padded 0 1 2 3 4 5 5 5 → patches [0 1 2 3], [2 3 4 5], [4 5 5 5].
            PatchTstPathway path = new PatchTstPathway(p, "e", 6, 3, 4, 2, 8, 1, 2);
            NDArray x = Tensors.of(m, new float[] {0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15}, new Shape(2, 6));
            NDArray patches = path.patches(x);
            assertThat(patches.getShape()).isEqualTo(new Shape(2, 3, 4));
            assertThat(patches.toFloatArray()).containsExactly(
                    0, 1, 2, 3, 2, 3, 4, 5, 4, 5, 5, 5,
                    10, 11, 12, 13, 12, 13, 14, 15, 14, 15, 15, 15);
            assertThat(path.forward(x).getShape()).isEqualTo(new Shape(2, 3));
        }
    }

    @Test
    void fitsANoiselessSineInAFewHundredSteps() {
        int lookback = 48;
        int horizons = 8;
        int batch = 32;
        try (NDManager m = NDManager.newBaseManager()) {
            Params p = new Params(m, 3);
            PatchTstPathway path = new PatchTstPathway(p, "e", lookback, horizons, 16, 8, 32, 2, 4);
            List<NDArray> params = p.train(n -> true);
            AdamW opt = new AdamW(params, 0.9, 0.999, 1e-8, 0);
            java.util.SplittableRandom random = new java.util.SplittableRandom(5);
            double last = Double.NaN;
            for (int step = 0; step < 300; step++) {
                float[][] xy = sines(batch, lookback, horizons, random);
                try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray x = Tensors.of(m, xy[0], new Shape(batch, lookback));
                    NDArray y = Tensors.of(m, xy[1], new Shape(batch, horizons));
                    NDArray loss = path.forward(x).sub(y).square().mean();
                    gc.backward(loss);
                    last = loss.getFloat();
                }
                opt.update(step < 20 ? 1e-3 * (step + 1) / 20 : 1e-3, 1.0);
            }
            float[][] test = sines(256, lookback, horizons, new java.util.SplittableRandom(99));
            p.freezeAll();
            double mse;
            try (NDScope scope = new NDScope()) {
                NDArray f = path.forward(Tensors.of(m, test[0], new Shape(256, lookback)));
                mse = f.sub(Tensors.of(m, test[1], new Shape(256, horizons))).square().mean().getFloat();
            }
            // The targets have variance 0.5 (unit-amplitude sines of random phase); the zero forecast scores 0.5.
            assertThat(last).isFinite();
            assertThat(mse).isLessThan(0.01);
        }
    }

    /** Windows of sin(2π t / period + φ), random phase and a period between 10 and 14 steps; targets follow. */
    private static float[][] sines(int n, int lookback, int horizons, java.util.SplittableRandom random) {
        float[] x = new float[n * lookback];
        float[] y = new float[n * horizons];
        for (int i = 0; i < n; i++) {
            double phase = random.nextDouble() * 2 * Math.PI;
            double period = 10 + 4 * random.nextDouble();
            for (int t = 0; t < lookback + horizons; t++) {
                float v = (float) Math.sin(2 * Math.PI * t / period + phase);
                if (t < lookback) {
                    x[i * lookback + t] = v;
                } else {
                    y[i * horizons + t - lookback] = v;
                }
            }
        }
        return new float[][] {x, y};
    }
}
