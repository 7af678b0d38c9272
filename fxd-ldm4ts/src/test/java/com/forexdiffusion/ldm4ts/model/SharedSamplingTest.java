package com.forexdiffusion.ldm4ts.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;
import com.forexdiffusion.ldm4ts.fusion.SampleHead;
import com.forexdiffusion.ldm4ts.nn.Params;
import com.forexdiffusion.ldm4ts.train.TrainerTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Work done once per window and shared by its samples, and windows batched together, change no number: each sample
 * equals what computing it on its own would give (same seeds), to float tolerance.
 */
class SharedSamplingTest {
    private static final double TOLERANCE = 1e-5;

    private static Ldm4tsConfig fitted() {
        return TrainerTest.tiny().withNormalisation(new Normalisation(List.of(0.0, 0.0), List.of(1e-3, 1e-3), 0, 1e-3,
                1.0));
    }

    private static BarSeries bars() {
        return new SyntheticGenerator(SyntheticConfig.defaults(3)).generate("EURUSD", 1_704_067_200_000L, 2);
    }

    private static float[][][] sample(Ldm4tsModel model, BarSeries bars, int[] ends, int samples, long[] seeds) {
        Batch b = new WindowFeatures(model.config(), model.tokenizer()).build(bars, ends, ends.length, true);
        NDManager m = model.manager();
        try (NDScope scope = new NDScope()) {
            NDArray latents = model.encodeMean(model.images(m, b));
            return model.sample(m, b, latents, samples, seeds);
        }
    }

    @Test
    void aWindowBatchedWithOthersGetsTheSamplesItGetsAlone() {
        try (Ldm4tsModel model = Ldm4tsModel.create(fitted(), Device.cpu())) {
            BarSeries bars = bars();
            int[] ends = {100, 250, 400, 550, 700, 850};
            long[] seeds = {11, 12, 13, 14, 15, 16};
            float[][][] together = sample(model, bars, ends, 20, seeds);
            for (int i = 0; i < ends.length; i++) {
                float[][] alone = sample(model, bars, new int[] {ends[i]}, 20, new long[] {seeds[i]})[0];
                assertClose(together[i], alone);
            }
            // The windows differ, so equal samples above are not a constant output.
            assertThat(Math.abs(together[0][0][0] - together[1][0][0])).isGreaterThan(1e-4f);
        }
    }

    @Test
    void aCorrectionThatDropsTheDiffusionBranchForecastsTheExplicitPathwayAndKeepsTheSpread() {
        Ldm4tsConfig corrected = fitted().withShrinkage(new Shrinkage.Factors(List.of(1.0, 1.0), List.of(0.0, 0.0)));
        BarSeries bars = bars();
        int[] ends = {200, 500};
        long[] seeds = {3, 4};
        try (Ldm4tsModel raw = Ldm4tsModel.create(fitted(), Device.cpu());
             Ldm4tsModel model = Ldm4tsModel.create(corrected, Device.cpu())) {
            float[][][] before = sample(raw, bars, ends, 20, seeds);
            float[][][] after = sample(model, bars, ends, 20, seeds);
            Batch b = new WindowFeatures(model.config(), model.tokenizer()).build(bars, ends, ends.length, true);
            float[] explicit = model.fusion().forwardExplicit(model.lookback(model.manager(), b)).toFloatArray();
            for (int i = 0; i < ends.length; i++) {
                for (int k = 0; k < 2; k++) {
                    double meanBefore = 0;
                    double meanAfter = 0;
                    for (int s = 0; s < 20; s++) {
                        meanBefore += before[i][s][k] / 20.0;
                        meanAfter += after[i][s][k] / 20.0;
                        // every draw moves by the same amount
                        assertThat((double) after[i][s][k] - before[i][s][k])
                                .isCloseTo(after[i][0][k] - before[i][0][k], org.assertj.core.api.Assertions.within(1e-5));
                    }
                    assertThat(meanAfter).isCloseTo(explicit[i * 2 + k], org.assertj.core.api.Assertions.within(1e-5));
                    // the uncorrected mean was not the explicit forecast, so the correction acted
                    assertThat(Math.abs(meanBefore - explicit[i * 2 + k])).isGreaterThan(1e-4);
                }
            }
        }
    }

    @Test
    void oneUnetPassSharedBySamplesEqualsTheSamplesOfASmallerForecast() {
        try (Ldm4tsModel model = Ldm4tsModel.create(fitted(), Device.cpu())) {
            BarSeries bars = bars();
            int[] ends = {300, 600};
            long[] seeds = {5, 6};
            float[][][] many = sample(model, bars, ends, 50, seeds);
            float[][][] few = sample(model, bars, ends, 10, seeds);
            for (int i = 0; i < ends.length; i++) {
                assertClose(java.util.Arrays.copyOf(many[i], 10), few[i]);
                // The samples of one window differ (the head's noise), so the shared pass does not collapse them.
                assertThat(Math.abs(many[i][0][0] - many[i][1][0])).isGreaterThan(1e-5f);
            }
        }
    }

    @Test
    void theSampleHeadScaleComputedOncePerWindowEqualsItComputedPerSample() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            SampleHead head = new SampleHead(new Params(m, 3), "head", 12, 20, 4, 16, 3);
            SplittableRandom r = new SplittableRandom(9);
            NDArray features = GaussianNoise.of(m, new Shape(5, 20), r);
            NDArray noise = GaussianNoise.of(m, new Shape(5 * 7, 4), r);
            float[] shared = head.forward(features, 7, noise).toFloatArray();
            float[] perSample = head.forward(features.repeat(0, 7), 1, noise).toFloatArray();
            assertThat(shared).hasSize(5 * 7 * 3);
            for (int i = 0; i < shared.length; i++) {
                assertThat((double) shared[i]).isCloseTo(perSample[i], org.assertj.core.data.Offset.offset(TOLERANCE));
            }
        }
    }

    private static void assertClose(float[][] a, float[][] b) {
        assertThat(a.length).isEqualTo(b.length);
        for (int s = 0; s < a.length; s++) {
            for (int k = 0; k < a[s].length; k++) {
                assertThat((double) a[s][k]).isCloseTo(b[s][k], org.assertj.core.data.Offset.offset(TOLERANCE));
            }
        }
    }
}
