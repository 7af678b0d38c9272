package com.forexdiffusion.ldm4ts.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.forecast.dataset.Split;
import com.forexdiffusion.forecast.dataset.SplitFractions;
import com.forexdiffusion.forecast.dataset.Window;
import com.forexdiffusion.forecast.dataset.WindowDataset;
import com.forexdiffusion.ldm4ts.checkpoint.Checkpoint;
import com.forexdiffusion.ldm4ts.model.Batch;
import com.forexdiffusion.ldm4ts.model.Ldm4tsConfig;
import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.forexdiffusion.ldm4ts.model.WindowFeatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a pure random walk nothing is predictable: the zero-return forecast is optimal, and a model that fits the
 * training noise loses to it. The explicit pathway's least-squares start, the absence of a drift target and the
 * validation split's shrinkage must keep the trained model's mean forecast within 1 % of the zero forecast's MSE
 * on held-out windows.
 */
class RandomWalkSkillTest {
    @TempDir
    Path dir;

    @Test
    void onAPureRandomWalkTheTrainedModelDoesNotLoseToTheZeroForecast() {
        BarSeries bars = randomWalk(5_000, 2e-4, 17);
        TrainingConfig tc = TrainingConfig.defaults(3).withEpochs(1).withSizes(1, 200, 32, 3, 256, 16);
        Ldm4tsConfig config = TrainerTest.tiny();
        Ldm4tsTrainer.Result r = new Ldm4tsTrainer(tc, TrainingListener.NONE).train(bars, config, "test", dir, null);
        assertThat(r.config().shrinkage()).hasSize(2).allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
        assertThat(r.config().normalisation().targetMean()).containsOnly(0.0);

        WindowDataset ds = WindowDataset.build(bars, config.lookback(), config.horizonList(), SplitFractions.DEFAULT);
        List<Window> test = Ldm4tsTrainer.evenly(ds.windows(Split.TEST), 300);
        double[] err = new double[2];
        double[] zero = new double[2];
        try (Ldm4tsModel model = Checkpoint.load(dir, Device.cpu())) {
            model.params().freezeAll();
            WindowFeatures wf = new WindowFeatures(model.config(), model.tokenizer());
            for (int from = 0; from < test.size(); from += 50) {
                int n = Math.min(50, test.size() - from);
                int[] ends = new int[n];
                for (int i = 0; i < n; i++) {
                    ends[i] = test.get(from + i).endIndex();
                }
                Batch b = wf.build(bars, ends, n);
                float[][][] z;
                try (NDScope scope = new NDScope()) {
                    NDArray lat = model.encodeMean(model.images(model.manager(), b))
                            .mul((float) model.config().normalisation().latentScale());
                    z = model.sample(model.manager(), b, lat, 20, 11 + from);
                }
                for (int i = 0; i < n; i++) {
                    double[] y = ds.targets(test.get(from + i).index());
                    for (int k = 0; k < 2; k++) {
                        double mean = 0;
                        for (float[] draw : z[i]) {
                            mean += model.config().normalisation().logReturn(k, draw[k]);
                        }
                        mean /= z[i].length;
                        err[k] += (mean - y[k]) * (mean - y[k]);
                        zero[k] += y[k] * y[k];
                    }
                }
            }
        }
        for (int k = 0; k < 2; k++) {
            assertThat(err[k] / zero[k]).as("MSE ratio to the zero forecast at horizon %d", k).isLessThanOrEqualTo(1.01);
        }
    }

    /** A driftless Gaussian random walk of M1 closes (open = previous close), seeded. */
    static BarSeries randomWalk(int n, double sigma, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        BarSeries.Builder b = BarSeries.builder("EURUSD", Timeframe.M1, n);
        double price = 1.1;
        long t = 1_704_096_000_000L;
        for (int i = 0; i < n; i++) {
            double u1 = 1 - random.nextDouble();
            double u2 = random.nextDouble();
            double ret = sigma * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            double next = price * Math.exp(ret);
            b.add(t + i * 60_000L, price, Math.max(price, next) * (1 + sigma / 4), Math.min(price, next) * (1 - sigma / 4),
                    next, 100);
            price = next;
        }
        return b.build();
    }
}
