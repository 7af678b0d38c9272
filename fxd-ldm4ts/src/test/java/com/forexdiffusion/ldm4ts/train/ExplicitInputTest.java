package com.forexdiffusion.ldm4ts.train;

import ai.djl.Device;
import ai.djl.ndarray.NDScope;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.forecast.dataset.Split;
import com.forexdiffusion.forecast.dataset.SplitFractions;
import com.forexdiffusion.forecast.dataset.Window;
import com.forexdiffusion.forecast.dataset.WindowDataset;
import com.forexdiffusion.ldm4ts.checkpoint.Checkpoint;
import com.forexdiffusion.ldm4ts.fusion.TemporalFusion;
import com.forexdiffusion.ldm4ts.model.Batch;
import com.forexdiffusion.ldm4ts.model.Ldm4tsConfig;
import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.forexdiffusion.ldm4ts.model.WindowFeatures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The level input on a series whose conditional mean is known: ln P = ln 1.1 + u with u an AR(1), u' = φu + σε.
 * The change over k bars has the mean (φᵏ − 1)·u, which needs the level u; the returns of a 32-bar lookback only tell
 * u − u₋₃₁, about half of it. The closed-form pathway that reads the level must come as close to that oracle as the
 * data allow, the returns-only one must not, and their average must do at least as well as their mean score.
 */
class ExplicitInputTest {
    private static final double PHI = 0.9;
    private static final double SIGMA = 2e-4;
    private static final int[] BARS = {5, 10};

    @TempDir
    static Path dir;
    static BarSeries bars;

    @BeforeAll
    static void series() {
        SplittableRandom random = new SplittableRandom(23);
        int n = 12_000;
        BarSeries.Builder b = BarSeries.builder("EURUSD", Timeframe.M1, n);
        double u = 0;
        double price = 1.1;
        for (int i = 0; i < n; i++) {
            double eps = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            u = PHI * u + SIGMA * eps;
            double next = 1.1 * Math.exp(u);
            b.add(1_704_096_000_000L + i * 60_000L, price, Math.max(price, next) * (1 + SIGMA / 4),
                    Math.min(price, next) * (1 - SIGMA / 4), next, 100);
            price = next;
        }
        bars = b.build();
    }

    @Test
    void theLevelLetsTheClosedFormPathwayReachTheConditionalMeanOfAMeanRevertingSeries() {
        double[] oracle = new double[2];
        double[] returns = score(Ldm4tsConfig.INPUT_RETURNS, "returns", oracle);
        double[] level = score(Ldm4tsConfig.INPUT_LEVEL, "level", oracle);
        double[] both = score(Ldm4tsConfig.INPUT_BOTH, "both", oracle);
        for (int k = 0; k < 2; k++) {
            // analytic optimum of the MSE ratio to the zero forecast: 0.80 at 5 bars, 0.68 at 10
            assertThat(oracle[k]).isBetween(0.6, 0.85);
            assertThat(level[k]).as("level, horizon %d", k).isLessThan(oracle[k] + 0.02);
            assertThat(returns[k]).as("returns, horizon %d", k).isGreaterThan(oracle[k] + 0.05);
            // the average of two forecasts has at most the average of their squared errors
            assertThat(both[k]).isLessThanOrEqualTo((level[k] + returns[k]) / 2 + 1e-4);
            assertThat(both[k]).isLessThan(returns[k] - 0.02);
        }
    }

    @Test
    void theMeanCorrectionSettingDecidesWhatTheValidationSplitMayChange() {
        // On a pure random walk the least-squares pathway fits noise, which the validation split does not back.
        BarSeries walk = RandomWalkSkillTest.randomWalk(5_000, 2e-4, 17);
        Ldm4tsConfig config = TrainerTest.tiny().toBuilder().explicitFit(Ldm4tsConfig.FIT_LEAST_SQUARES)
                .fusionMode(TemporalFusion.Mode.EXPLICIT_ONLY).build();
        java.util.Map<String, Ldm4tsConfig> trained = new java.util.HashMap<>();
        for (String mode : List.of(TrainingConfig.CORRECT_NONE, TrainingConfig.CORRECT_BRANCH,
                TrainingConfig.CORRECT_FULL)) {
            TrainingConfig tc = TrainingConfig.defaults(5).withEpochs(1).toBuilder().meanCorrection(mode).build();
            trained.put(mode, new Ldm4tsTrainer(tc, TrainingListener.NONE).train(walk, config, "test",
                    dir.resolve("correction-" + mode), null).config());
        }
        assertThat(trained.get(TrainingConfig.CORRECT_NONE).meanCorrection()).isNull();
        // branch: the explicit forecast is kept whole (an explicit-only model has no branch to scale)
        assertThat(trained.get(TrainingConfig.CORRECT_BRANCH).meanCorrection().explicit()).containsOnly(1.0);
        // full: no gain passes the information criterion, so the mean becomes the zero return
        assertThat(trained.get(TrainingConfig.CORRECT_FULL).meanCorrection().explicit()).containsOnly(0.0);
    }

    /** MSE ratios to the zero forecast on the test windows; fills the oracle's. */
    private static double[] score(String input, String name, double[] oracle) {
        Ldm4tsConfig config = TrainerTest.tiny().toBuilder().explicitInput(input)
                .explicitFit(Ldm4tsConfig.FIT_LEAST_SQUARES).fusionMode(TemporalFusion.Mode.EXPLICIT_ONLY).build();
        TrainingConfig tc = TrainingConfig.defaults(5).withEpochs(1);
        Path out = dir.resolve(name);
        new Ldm4tsTrainer(tc, TrainingListener.NONE).train(bars, config, "test", out, null);
        WindowDataset ds = WindowDataset.build(bars, config.lookback(), config.horizonList(), SplitFractions.DEFAULT);
        List<Window> test = ds.windows(Split.TEST);
        double[] err = new double[2];
        double[] zero = new double[2];
        double[] best = new double[2];
        try (Ldm4tsModel model = Checkpoint.load(out, Device.cpu())) {
            assertThat(model.config().explicitInputKind()).isEqualTo(input);
            WindowFeatures wf = new WindowFeatures(model.config(), model.tokenizer());
            for (int from = 0; from < test.size(); from += 256) {
                int n = Math.min(256, test.size() - from);
                int[] ends = new int[n];
                for (int i = 0; i < n; i++) {
                    ends[i] = test.get(from + i).endIndex();
                }
                Batch b = wf.build(bars, ends, n, false);
                float[] e;
                try (NDScope scope = new NDScope()) {
                    e = model.explicitForecast(model.manager(), b).toFloatArray();
                }
                for (int i = 0; i < n; i++) {
                    double[] y = ds.targets(test.get(from + i).index());
                    double u = Math.log(bars.close(ends[i]) / 1.1);
                    for (int k = 0; k < 2; k++) {
                        double f = model.config().normalisation().logReturn(k, e[i * 2 + k]);
                        double o = (Math.pow(PHI, BARS[k]) - 1) * u;
                        err[k] += (f - y[k]) * (f - y[k]);
                        best[k] += (o - y[k]) * (o - y[k]);
                        zero[k] += y[k] * y[k];
                    }
                }
            }
        }
        for (int k = 0; k < 2; k++) {
            err[k] /= zero[k];
            oracle[k] = best[k] / zero[k];
        }
        System.out.printf("%s: MSE ratio to zero %.4f / %.4f, oracle %.4f / %.4f%n", name, err[0], err[1], oracle[0],
                oracle[1]);
        return err;
    }
}
