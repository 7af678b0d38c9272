package com.forexdiffusion.ldm4ts.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.ldm4ts.fusion.TemporalFusion;
import com.forexdiffusion.ldm4ts.train.TrainerTest;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** RevIN's instance scale: its value by hand, its exact round trip, and what it changes in the model's forecasts. */
class InstanceScaleTest {
    private static final Normalisation UNIT = new Normalisation(List.of(0.0, 0.0), List.of(1e-3, 1e-3), 0, 1e-3, 1.0);

    @Test
    void theScaleIsTheWeightedRootMeanSquareOfEveryReturnButTheFirst() {
        // Weights 2^(−3/16), 2^(−2/16), 2^(−1/16), 1 = 0.878126, 0.917004, 0.957603, 1 for the returns 3, −4, 0, 0;
        // (0.878126 · 9 + 0.917004 · 16) / 3.752733 = 6.015668. The first return (7) has no bar before it.
        assertThat(InstanceScale.of(new float[] {7, 3, -4, 0, 0})).isCloseTo(Math.sqrt(6.015668), within(1e-6));
        // Equal squares give their root whatever the weights.
        assertThat(InstanceScale.of(new float[] {0, 2, -2, 2, -2, 2})).isCloseTo(2.0, within(1e-12));
        assertThat(InstanceScale.of(new float[] {0, 0, 0, 0})).isEqualTo(InstanceScale.FLOOR);
        assertThat(InstanceScale.of(new float[] {0, 0.01f, -0.01f})).isEqualTo(InstanceScale.FLOOR);
    }

    @Test
    void normalisingThenDenormalisingGivesTheValuesBack() {
        SplittableRandom r = new SplittableRandom(5);
        float[] values = new float[64];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (r.nextDouble(-3, 3));
        }
        float[] copy = values.clone();
        double scale = InstanceScale.of(values);
        InstanceScale.normalise(copy, 0, copy.length, scale, null);
        assertThat(copy[10]).isCloseTo((float) (values[10] / scale), within(1e-7f));
        InstanceScale.denormalise(copy, scale);
        for (int i = 0; i < values.length; i++) {
            assertThat(copy[i]).isCloseTo(values[i], within(Math.ulp(values[i]) * 2));
        }
        // Only the range asked for is divided.
        float[] part = values.clone();
        InstanceScale.normalise(part, 4, 4, 2, null);
        assertThat(part[3]).isEqualTo(values[3]);
        assertThat(part[4]).isEqualTo(values[4] / 2);
        assertThat(part[8]).isEqualTo(values[8]);
    }

    /** Half hours from 00:00 to 11:59 UTC move 2 times the average, the others half of it. */
    private static SessionProfile dayAndNight() {
        List<Double> f = new java.util.ArrayList<>();
        for (int s = 0; s < SessionProfile.SLOTS; s++) {
            f.add(s < 24 ? 2.0 : 0.5);
        }
        return new SessionProfile(f);
    }

    /** The same closes as {@link #path}, with the last bar at {@code lastMs}. */
    private static BarSeries endingAt(long lastMs) {
        BarSeries p = path(64, i -> 1);
        long[] ts = new long[p.size()];
        double[] c = new double[p.size()];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = lastMs - 60_000L * (ts.length - 1 - i);
            c[i] = p.close(i);
        }
        return BarSeries.of("EURUSD", Timeframe.M1, ts, c, c, c, c, new double[ts.length]);
    }

    private static float[][][] samplesOf(String instanceNorm, BarSeries bars) {
        Ldm4tsConfig cfg = TrainerTest.tiny().withNormalisation(UNIT.withSession(dayAndNight())).toBuilder()
                .instanceNorm(instanceNorm).build();
        try (Ldm4tsModel model = Ldm4tsModel.create(cfg, Device.cpu()); NDScope scope = new NDScope()) {
            Batch b = new WindowFeatures(cfg, model.tokenizer()).build(bars, new int[] {bars.size() - 1}, 1, true);
            NDArray latents = model.encodeMean(model.images(model.manager(), b));
            return model.sample(model.manager(), b, latents, 8, new long[] {3});
        }
    }

    /**
     * Two windows with the same closes: one ends at 23:59 (its bars in a quiet half hour, the next ones in a busy one),
     * the other at 11:59 (the reverse). Session scaling sees the first window's moves as large for its hour (scale
     * rms / 0.5) and multiplies back 2 ahead; the second's as small (rms / 2) and 0.5 ahead: every sample of the first
     * is 16 times the second's. Plain RevIN reads no time and forecasts both the same.
     */
    @Test
    void sessionScalingMultipliesTheForecastByTheProfileOfTheHoursAheadOverThoseBehind() {
        long midnight = 1_704_153_600_000L; // 2024-01-02 00:00 UTC
        BarSeries lateEvening = endingAt(midnight - 60_000);
        BarSeries lateMorning = endingAt(midnight - 12 * 3_600_000L - 60_000);
        float[][][] busyAhead = samplesOf(Ldm4tsConfig.INSTANCE_SESSION, lateEvening);
        float[][][] quietAhead = samplesOf(Ldm4tsConfig.INSTANCE_SESSION, lateMorning);
        float[][][] plainA = samplesOf(Ldm4tsConfig.INSTANCE_REVIN, lateEvening);
        float[][][] plainB = samplesOf(Ldm4tsConfig.INSTANCE_REVIN, lateMorning);
        for (int s = 0; s < 8; s++) {
            for (int k = 0; k < 2; k++) {
                float q = quietAhead[0][s][k];
                assertThat((double) busyAhead[0][s][k]).isCloseTo(16.0 * q, within(1e-4 * Math.abs(16 * q) + 1e-6));
                assertThat(plainA[0][s][k]).isCloseTo(plainB[0][s][k], within(1e-6f));
            }
        }
        assertThat(Math.abs(quietAhead[0][0][0])).isGreaterThan(1e-4f);
    }

    /** A one-minute series whose log returns are {@code factor} times one fixed seeded path. */
    private static BarSeries scaledPath(double factor) {
        return path(64, i -> factor);
    }

    /** Uniform one-minute log returns of half-width 1e-3 times {@code factor(i)}, from one seed. */
    private static BarSeries path(int n, java.util.function.IntToDoubleFunction factor) {
        SplittableRandom r = new SplittableRandom(9);
        long[] ts = new long[n];
        double[] c = new double[n];
        double[] v = new double[n];
        double logPrice = Math.log(1.1);
        for (int i = 0; i < n; i++) {
            ts[i] = 1_704_067_200_000L + 60_000L * i;
            logPrice += factor.applyAsDouble(i) * 1e-3 * r.nextDouble(-1, 1);
            c[i] = Math.exp(logPrice);
            v[i] = 100;
        }
        return BarSeries.of("EURUSD", Timeframe.M1, ts, c, c, c, c, v);
    }

    private static float[] explicitForecast(String instanceNorm, double factor) {
        Ldm4tsConfig cfg = TrainerTest.tiny().withNormalisation(UNIT).withFusionMode(TemporalFusion.Mode.EXPLICIT_ONLY)
                .toBuilder().instanceNorm(instanceNorm).build();
        try (Ldm4tsModel model = Ldm4tsModel.create(cfg, Device.cpu()); NDScope scope = new NDScope()) {
            // A pathway with an intercept: without RevIN it does not scale with the window.
            model.params().assign("fusion.explicit.bias", new Shape(2), new float[] {0.3f, -0.2f});
            BarSeries bars = scaledPath(factor);
            Batch b = new WindowFeatures(cfg, model.tokenizer()).build(bars, new int[] {bars.size() - 1}, 1, false);
            NDArray e = model.explicitForecast(model.manager(), b);
            return e.toFloatArray();
        }
    }

    @Test
    void withRevinAWindowWithTwiceTheReturnsGetsTwiceTheForecastAndWithoutItDoesNot() {
        float[] once = explicitForecast(Ldm4tsConfig.INSTANCE_REVIN, 1);
        float[] twice = explicitForecast(Ldm4tsConfig.INSTANCE_REVIN, 2);
        for (int k = 0; k < 2; k++) {
            assertThat((double) twice[k]).isCloseTo(2.0 * once[k], within(1e-4 * Math.abs(once[k]) + 1e-6));
        }
        float[] plainOnce = explicitForecast(Ldm4tsConfig.INSTANCE_NONE, 1);
        float[] plainTwice = explicitForecast(Ldm4tsConfig.INSTANCE_NONE, 2);
        // The intercept does not double: the forecast of the doubled window is off twice the forecast by it.
        assertThat(Math.abs(plainTwice[0] - 2.0 * plainOnce[0])).isGreaterThan(0.2);
        assertThat(Arrays.equals(once, plainOnce)).isFalse();
    }

    /**
     * In a model that has not been trained, the sample head's spread in its own units hardly depends on the window; with
     * RevIN that spread is multiplied by the window's scale, so the spread of a window six times as volatile is about
     * six times as wide: the ratio of the two windows' scales. Without RevIN the head reads the wider returns too, but
     * nothing makes its spread grow in proportion (measured 3.6 here, against 6.0 with RevIN and a scale ratio of 5.2).
     */
    @Test
    void withRevinTheSpreadOfAnUntrainedModelGrowsWithTheWindowsVolatility() {
        double[] revin = spreadAndScaleRatios(Ldm4tsConfig.INSTANCE_REVIN);
        double[] none = spreadAndScaleRatios(Ldm4tsConfig.INSTANCE_NONE);
        System.out.printf("σ of a high-volatility window over a low one: revin %.2f, none %.2f; scales %.2f%n",
                revin[0], none[0], revin[1]);
        assertThat(revin[1]).isBetween(5.0, 7.0);
        assertThat(revin[0] / revin[1]).isBetween(0.8, 1.25);
        assertThat(none[0] / revin[1]).isLessThan(0.75);
    }

    /** The spread of window 2 over window 1's, and the ratio of their instance scales. */
    private static double[] spreadAndScaleRatios(String instanceNorm) {
        Ldm4tsConfig cfg = TrainerTest.tiny().withNormalisation(UNIT).toBuilder().instanceNorm(instanceNorm).build();
        // Window 1 ends in the calm half, window 2 in the half whose returns are 6 times wider.
        BarSeries bars = path(400, i -> i < 200 ? 1 : 6);
        int[] ends = {150, 350};
        try (Ldm4tsModel model = Ldm4tsModel.create(cfg, Device.cpu()); NDScope scope = new NDScope()) {
            Batch b = new WindowFeatures(cfg, model.tokenizer()).build(bars, ends, 2, true);
            NDArray latents = model.encodeMean(model.images(model.manager(), b));
            float[][][] s = model.sample(model.manager(), b, latents, 200, new long[] {1, 2});
            double scales = InstanceScale.of(unscaled(b, 1)) / InstanceScale.of(unscaled(b, 0));
            return new double[] {std(s[1]) / std(s[0]), scales};
        }
    }

    /** A window's lookback returns before its instance scale was divided out. */
    private static float[] unscaled(Batch b, int i) {
        float[] look = b.lookback()[i].clone();
        InstanceScale.denormalise(look, b.scale()[i][0]);
        return look;
    }

    private static double std(float[][] samples) {
        double mean = 0;
        for (float[] s : samples) {
            mean += s[0] / samples.length;
        }
        double var = 0;
        for (float[] s : samples) {
            var += (s[0] - mean) * (s[0] - mean) / (samples.length - 1);
        }
        return Math.sqrt(var);
    }
}
