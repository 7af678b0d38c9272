package com.forexdiffusion.ldm4ts.service;

import ai.djl.Device;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.longhorizon.LongHorizonData;
import com.forexdiffusion.forecast.longhorizon.LongHorizonPrices;
import com.forexdiffusion.ldm4ts.model.Ldm4tsConfig;
import com.forexdiffusion.ldm4ts.train.Ldm4tsTrainer;
import com.forexdiffusion.ldm4ts.train.TrainerTest;
import com.forexdiffusion.ldm4ts.train.TrainingConfig;
import com.forexdiffusion.ldm4ts.train.TrainingListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class Ldm4tsSequenceForecasterTest {
    private static final int L = 32;
    private static final int H = 4;
    @TempDir
    static Path dir;
    static LongHorizonData data;
    static Ldm4tsForecaster model;

    /** Two daily-cycle channels with noise: train rows [0, 400), validation to 500, test to 600. */
    static LongHorizonData cycles(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] v = new double[600][2];
        for (int i = 0; i < v.length; i++) {
            v[i][0] = Math.sin(2 * Math.PI * i / 24) + 0.1 * r.nextGaussian();
            v[i][1] = Math.cos(2 * Math.PI * i / 12) - 0.5 + 0.1 * r.nextGaussian();
        }
        return new LongHorizonData("ETTh_cycles.csv", v, new int[] {0, 400 - L, 500 - L}, new int[] {400, 500, 600},
                new double[2], new double[] {1, 1});
    }

    @BeforeAll
    static void trainOnTheSequenceTarget() {
        data = cycles(3);
        List<Integer> steps = new ArrayList<>();
        for (int k = 1; k <= H; k++) {
            steps.add(60 * k);
        }
        Ldm4tsConfig tiny = TrainerTest.tiny();
        Ldm4tsConfig cfg = Ldm4tsConfig.compact("ETTh_cycles.csv", Timeframe.H1, steps, 7).withSizes(L,
                tiny.imageSize(), tiny.vae(), tiny.unet(), tiny.text(), tiny.diffusion(), tiny.fusionHidden());
        LongHorizonPrices.Training t = LongHorizonPrices.training(data, Timeframe.H1, L, H);
        TrainingConfig tc = TrainingConfig.defaults(11).withEpochs(1).withSizes(1, 32, 16, 8, 8, 1);
        Ldm4tsTrainer.Result r = new Ldm4tsTrainer(tc, TrainingListener.NONE).train(t.series(), t.fractions(), cfg,
                "test", dir, null);
        // 2 channels × (400 − 32 − 4 + 1) training windows, every 8th
        assertThat(r.config().data().trainWindows()).isEqualTo((2 * 365 + 7) / 8);
        model = Ldm4tsForecaster.load(dir, Device.cpu());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void aLevelIsTheMeanOfTheLevelsTheSamplesImply() {
        var seq = new Ldm4tsSequenceForecaster(model, data, 3, 5);
        int start = 520;
        double[] levels = seq.predict(new int[][] {{start, 1}}, H)[0];
        assertThat(levels).hasSize(H);
        // The same forecast asked directly: its sample prices, mapped back to levels by hand.
        long seed = 5 ^ ((long) start * 2 + 1) * 0x9E3779B97F4A7C15L;
        Forecast f = model.forecast(new ForecastRequest(LongHorizonPrices.window(data, Timeframe.H1, 1, start,
                start + L), model.horizons(), 3, seed, true));
        for (int k = 0; k < H; k++) {
            double[] p = f.horizons().get(k).samples();
            double byHand = (Math.log(p[0]) + Math.log(p[1]) + Math.log(p[2])) / 3 / 0.01;
            assertThat(levels[k]).isCloseTo(byHand, within(1e-9));
        }
    }

    @Test
    void batchingAndOrderDoNotChangeAWindowsForecast() {
        int[][] windows = {{500 - L, 0}, {510, 1}, {530, 0}, {560, 1}};
        double[][] together = new Ldm4tsSequenceForecaster(model, data, 4, 9).predict(windows, H);
        var alone = new Ldm4tsSequenceForecaster(model, data, 4, 9);
        for (int i = windows.length - 1; i >= 0; i--) {
            // Same noise and weights; only float32 summation order differs between batch sizes.
            double[] one = alone.predict(new int[][] {windows[i]}, H)[0];
            for (int k = 0; k < H; k++) {
                assertThat(one[k]).isCloseTo(together[i][k], within(1e-5));
            }
        }
    }

    @Test
    void rowsAfterTheWindowAreNeverRead() {
        int start = 540;
        double[] before = new Ldm4tsSequenceForecaster(model, data, 2, 1).predict(new int[][] {{start, 0}}, H)[0];
        LongHorizonData changed = cycles(3);
        for (int i = start + L; i < 600; i++) {
            changed.values()[i][0] += 5;
        }
        double[] after = new Ldm4tsSequenceForecaster(model, changed, 2, 1).predict(new int[][] {{start, 0}}, H)[0];
        assertThat(after).containsExactly(before);
        changed.values()[start + L - 1][0] += 5;
        double[] inside = new Ldm4tsSequenceForecaster(model, changed, 2, 1).predict(new int[][] {{start, 0}}, H)[0];
        assertThat(inside).isNotEqualTo(before);
    }

    @Test
    void aModelWithoutOneOutputPerStepIsRefused(@TempDir Path other) {
        new Ldm4tsTrainer(TrainingConfig.defaults(11).withEpochs(1).withSizes(1, 16, 16, 32, 8, 1),
                TrainingListener.NONE).train(new com.forexdiffusion.data.synthetic.SyntheticGenerator(
                com.forexdiffusion.data.synthetic.SyntheticConfig.defaults(5)).generate("EURUSD", 1_704_067_200_000L, 3),
                TrainerTest.tiny(), "test", other, null);
        try (Ldm4tsForecaster fx = Ldm4tsForecaster.load(other, Device.cpu())) {
            assertThatThrownBy(() -> new Ldm4tsSequenceForecaster(fx, data, 2, 1))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("does not forecast every step");
        }
        var seq = new Ldm4tsSequenceForecaster(model, data, 2, 1);
        assertThat(seq.maxSteps()).isEqualTo(H);
        assertThatThrownBy(() -> seq.predict(new int[][] {{520, 0}}, H + 1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("forecasts 4 steps");
        assertThat(new Horizon(60 * H).bars(Timeframe.H1)).isEqualTo(H);
    }
}
