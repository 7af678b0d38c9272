package com.forexdiffusion.ldm4ts.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.HorizonForecast;
import com.forexdiffusion.ldm4ts.checkpoint.HorizonValidation;
import com.forexdiffusion.ldm4ts.checkpoint.TrainingState;
import com.forexdiffusion.ldm4ts.checkpoint.Checkpoint;
import com.forexdiffusion.ldm4ts.model.Batch;
import com.forexdiffusion.ldm4ts.model.Ldm4tsConfig;
import com.forexdiffusion.ldm4ts.model.GaussianNoise;
import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.forexdiffusion.ldm4ts.model.WindowFeatures;
import com.forexdiffusion.ldm4ts.nn.Tensors;
import com.forexdiffusion.ldm4ts.service.Ldm4tsForecaster;
import com.forexdiffusion.ldm4ts.service.SamplerOverride;
import org.hipparchus.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The samples are a predictive distribution: on a series whose conditional distribution is known, the CRPS-trained
 * model's raw 90 % interval covers about 90 % of held-out outcomes and its σ follows the true σ; the same model
 * trained by MSE does not.
 */
class PredictiveDistributionTest {
    private static final int BLOCK = 150;
    private static final double LOW = 2e-4;
    private static final double HIGH = 1.2e-3;

    @TempDir
    Path dir;

    /** One-minute log returns N(0, σₜ²), σₜ switching between LOW and HIGH every BLOCK bars. */
    static BarSeries knownVolatility(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] ts = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        double price = 1.1;
        for (int i = 0; i < n; i++) {
            ts[i] = 1_704_067_200_000L + 60_000L * i;
            o[i] = price;
            price *= Math.exp(sigma(i) * gaussian(r));
            c[i] = price;
            h[i] = Math.max(o[i], c[i]) * (1 + sigma(i) * 0.3);
            l[i] = Math.min(o[i], c[i]) * (1 - sigma(i) * 0.3);
            v[i] = 100;
        }
        return BarSeries.of("EURUSD", Timeframe.M1, ts, o, h, l, c, v);
    }

    static double sigma(int i) {
        return (i / BLOCK) % 2 == 0 ? LOW : HIGH;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private record Outcome(double coverage, double spearman, HorizonValidation validation, Path dir,
                           List<ForecastRequest> heldOut) {
    }

    private Outcome trainAndScore(String loss, Path out) {
        BarSeries bars = knownVolatility(5000, 17);
        TrainingConfig tc = TrainingConfig.defaults(11).withEpochs(5).withSizes(1, 64, 32, 1, 128, 50)
                .withLossSamples(8);
        new Ldm4tsTrainer(tc, TrainingListener.NONE).train(bars, TrainerTest.tiny().withLoss(loss), "test", out, null);
        TrainingState st = Checkpoint.readTraining(out);
        HorizonValidation v = st.validation().horizons().get("5");
        // Held out: the last 14 % of the series (inside the test split), every 3rd window.
        List<ForecastRequest> requests = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        for (int end = (int) (bars.size() * 0.86); end + 5 < bars.size(); end += 3) {
            requests.add(ForecastRequest.of(bars.slice(end - 31, end + 1), List.of(new Horizon(5)), 50, end));
            ends.add(end);
        }
        double covered = 0;
        double[] predicted = new double[ends.size()];
        double[] truth = new double[ends.size()];
        try (Ldm4tsForecaster f = Ldm4tsForecaster.load(out, Device.cpu())) {
            List<Forecast> fs = f.forecastBatch(requests);
            for (int i = 0; i < fs.size(); i++) {
                HorizonForecast hf = fs.get(i).horizons().get(0);
                double actual = bars.close(ends.get(i) + 5);
                covered += actual >= hf.q05() && actual <= hf.q95() ? 1 : 0;
                predicted[i] = hf.std();
                truth[i] = Math.sqrt(sumSquares(ends.get(i) + 1, ends.get(i) + 6));
            }
        }
        return new Outcome(covered / ends.size(), new SpearmansCorrelation().correlation(predicted, truth), v, out,
                requests);
    }

    private static double sumSquares(int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += sigma(i) * sigma(i);
        }
        return s;
    }

    @Test
    void crpsTrainingGivesCalibratedSamplesAndMseTrainingDoesNot() {
        Outcome crps = trainAndScore("crps", dir.resolve("crps"));
        Outcome mse = trainAndScore("mse", dir.resolve("mse"));
        System.out.printf("crps: held-out coverage90 %.3f, spearman %.3f, validation %s%nmse: coverage90 %.3f, "
                + "spearman %.3f, validation %s%n", crps.coverage(), crps.spearman(), crps.validation(),
                mse.coverage(), mse.spearman(), mse.validation());
        // Nominal is 0.90, held to ±5 points (measured 0.884 on 232 held-out windows; 0.828 when the interval was
        // read at numpy's quantile positions, which cover 50 exchangeable draws' next one 86.5 % of the time).
        assertThat(crps.coverage()).isBetween(0.85, 0.95);
        assertThat(crps.spearman()).isGreaterThan(0.5);
        assertThat(mse.coverage()).isLessThan(0.6);
        assertThat(mse.validation().coverage90()).isLessThan(0.6);
        oneSharedDiffusionDrawAgreesWithOnePerSample(crps);
    }

    /**
     * The fast sampler (one diffusion draw per window, shared by the head's samples: one U-Net pass) against its
     * teacher (a diffusion draw per sample: S passes) on the same held-out windows. With 200 samples each, estimation
     * noise alone gives median differences of about 0.07 σ for the mean and 0.14 σ for q05 and q95; the bounds allow
     * twice that.
     */
    private static void oneSharedDiffusionDrawAgreesWithOnePerSample(Outcome trained) {
        List<ForecastRequest> windows = new ArrayList<>();
        for (int i = 0; i < trained.heldOut().size() && windows.size() < 40; i += 3) {
            ForecastRequest r = trained.heldOut().get(i);
            windows.add(new ForecastRequest(r.window(), r.horizons(), 200, r.seed(), false));
        }
        List<Forecast> student;
        List<Forecast> teacher;
        try (Ldm4tsForecaster s = Ldm4tsForecaster.load(trained.dir(), Device.cpu(), new SamplerOverride(0, 1));
             Ldm4tsForecaster t = Ldm4tsForecaster.load(trained.dir(), Device.cpu(), new SamplerOverride(0, 200))) {
            student = s.forecastBatch(windows);
            teacher = t.forecastBatch(windows);
            assertThat(t.version()).isNotEqualTo(s.version());
        }
        double[] mean = new double[windows.size()];
        double[] q05 = new double[windows.size()];
        double[] q95 = new double[windows.size()];
        for (int i = 0; i < windows.size(); i++) {
            HorizonForecast a = student.get(i).horizons().get(0);
            HorizonForecast b = teacher.get(i).horizons().get(0);
            mean[i] = Math.abs(a.mean() - b.mean()) / b.std();
            q05[i] = Math.abs(a.q05() - b.q05()) / b.std();
            q95[i] = Math.abs(a.q95() - b.q95()) / b.std();
        }
        System.out.printf("one shared draw vs one per sample, median |difference| in teacher σ: mean %.3f, q05 %.3f, "
                + "q95 %.3f%n", median(mean), median(q05), median(q95));
        assertThat(median(mean)).isLessThan(0.15);
        assertThat(median(q05)).isLessThan(0.3);
        assertThat(median(q95)).isLessThan(0.3);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    /** The forecast term alone (no ε-MSE) sends gradients to the sample head, the fusion and the U-Net. */
    @Test
    void crpsGradientReachesTheHeadAndTheDenoisingPass() {
        BarSeries bars = knownVolatility(600, 3);
        Ldm4tsConfig cfg = TrainerTest.tiny().withNormalisation(new com.forexdiffusion.ldm4ts.model.Normalisation(
                List.of(0.0, 0.0), List.of(1e-3, 1e-3), 0, 1e-3, 1.0));
        try (Ldm4tsModel model = Ldm4tsModel.create(cfg, Device.cpu())) {
            List<NDArray> params = model.params().train(model::trainedInStageTwo);
            WindowFeatures wf = new WindowFeatures(cfg, model.tokenizer());
            Batch b = wf.build(bars, new int[] {100, 200, 300, 400}, 4, false);
            NDManager m = model.manager();
            try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                int s = cfg.latentSize();
                NDArray latents = GaussianNoise.of(m, new Shape(4, cfg.vae().latentChannels(), s, s),
                        new SplittableRandom(1));
                NDArray targets = Tensors.of(m, new float[] {0.5f, -1, 1, 0.2f, -0.3f, 2, 0, 1}, new Shape(4, 2));
                Ldm4tsModel.StageTwoLoss l = model.stageTwoLoss(m, b, latents, targets, 4, new SplittableRandom(2));
                gc.backward(l.forecast());
                double head = 0;
                double unet = 0;
                for (NDArray p : params) {
                    double g = p.getGradient().abs().sum().getFloat();
                    if (p.getName().startsWith("fusion.sample_head.")) {
                        head += g;
                    } else if (p.getName().startsWith("unet.")) {
                        unet += g;
                    }
                }
                assertThat(head).isPositive();
                assertThat(unet).isPositive();
            }
        }
    }
}
