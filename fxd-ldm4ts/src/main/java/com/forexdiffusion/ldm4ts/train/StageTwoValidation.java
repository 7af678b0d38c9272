package com.forexdiffusion.ldm4ts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import com.forexdiffusion.forecast.SampleStatistics;
import com.forexdiffusion.forecast.dataset.Window;
import com.forexdiffusion.forecast.dataset.WindowDataset;
import com.forexdiffusion.forecast.metrics.ScoringRules;
import com.forexdiffusion.ldm4ts.checkpoint.ValidationMetrics;
import com.forexdiffusion.ldm4ts.model.Batch;
import com.forexdiffusion.ldm4ts.model.Ldm4tsConfig;
import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.forexdiffusion.ldm4ts.model.Shrinkage;
import com.forexdiffusion.ldm4ts.model.WindowFeatures;
import com.forexdiffusion.ldm4ts.nn.Tensors;

import java.util.List;

/** Stage 2's validation of one epoch: Monte Carlo samples of the validation windows, scored per horizon. */
final class StageTwoValidation {
    private final TrainingConfig tc;
    private final TrainingListener listener;

    StageTwoValidation(TrainingConfig tc, TrainingListener listener) {
        this.tc = tc;
        this.listener = listener;
    }

    /** The validation loss (the training loss's forecast term, normalised units) and the per-horizon metrics. */
    record Result(double loss, ValidationMetrics metrics) {
    }

    /** The validation after the mean's correction fitted on these very windows: its factors and the metrics. */
    record Shrunk(Shrinkage.Factors factors, Result result) {
    }

    /**
     * Monte Carlo samples of each validation window, scored per horizon in log returns (MSE and direction of the
     * mean, CRPS and 90 % coverage of the raw samples); the loss is the mean normalised CRPS (crps) or the
     * normalised MSE of the mean (mse) over all horizons.
     */
    Result run(Ldm4tsModel model, Ldm4tsConfig config, WindowDataset ds, List<Window> windows, float[] valLatents,
               WindowFeatures features) {
        return score(config, ds, windows, samples(model, config, ds, windows, valLatents, features).samples());
    }

    /** As {@link #run}, after fitting the shrinkage of the mean forecast on the same samples and applying it. */
    Shrunk shrunk(Ldm4tsModel model, Ldm4tsConfig config, WindowDataset ds, List<Window> windows, float[] valLatents,
                  WindowFeatures features) {
        Ldm4tsModel.Draws d = samples(model, config, ds, windows, valLatents, features);
        float[][][] z = d.samples();
        int h = config.horizons().size();
        if (TrainingConfig.CORRECT_NONE.equals(tc.meanCorrection())) {
            return new Shrunk(null, score(config, ds, windows, z));
        }
        Shrinkage fit = TrainingConfig.CORRECT_BRANCH.equals(tc.meanCorrection()) ? Shrinkage.keepingExplicit(h)
                : new Shrinkage(h);
        for (int i = 0; i < z.length; i++) {
            double[] actual = ds.targets(windows.get(i).index());
            for (int k = 0; k < h; k++) {
                double mean = 0;
                for (float[] draw : z[i]) {
                    mean += draw[k];
                }
                fit.add(k, mean / z[i].length, d.explicit()[i][k], config.normalisation().scaleTarget(k, actual[k]));
            }
        }
        Shrinkage.Factors factors = fit.factors();
        Shrinkage.apply(z, d.explicit(), factors);
        return new Shrunk(factors, score(config, ds, windows, z));
    }

    /** Normalised samples [window][sample][horizon] of every validation window, uncorrected. */
    private Ldm4tsModel.Draws samples(Ldm4tsModel model, Ldm4tsConfig config, WindowDataset ds, List<Window> windows,
                                float[] valLatents, WindowFeatures features) {
        int per = config.vae().latentChannels() * config.latentSize() * config.latentSize();
        int samples = tc.validationSamples();
        int chunk = Math.max(1, Math.min(64, 4096 / samples));
        listener.stage("validation", windows.size());
        int[] idx = new int[windows.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        float[][][] out = new float[windows.size()][][];
        float[][] explicit = new float[windows.size()][];
        for (int from = 0; from < windows.size(); from += chunk) {
            int n = Math.min(chunk, windows.size() - from);
            Batch batch = features.build(ds.bars(), Ldm4tsTrainer.ends(windows, idx, from, n), n, false);
            try (NDScope scope = new NDScope()) {
                float[] lat = java.util.Arrays.copyOfRange(valLatents, from * per, (from + n) * per);
                NDArray latents = Tensors.of(model.manager(), lat, new Shape(n, config.vae().latentChannels(),
                        config.latentSize(), config.latentSize()));
                Ldm4tsModel.Draws d = model.rawSamples(model.manager(), batch, latents, samples,
                        Ldm4tsModel.windowSeeds(n, tc.seed() + from), null);
                System.arraycopy(d.samples(), 0, out, from, n);
                System.arraycopy(d.explicit(), 0, explicit, from, n);
            }
            listener.progress(from + n, Double.NaN, Double.NaN);
        }
        return new Ldm4tsModel.Draws(out, explicit);
    }

    private static Result score(Ldm4tsConfig config, WindowDataset ds, List<Window> windows, float[][][] z) {
        int h = config.horizons().size();
        boolean crps = Ldm4tsConfig.LOSS_CRPS.equals(config.lossKind());
        ValidationAccumulator acc = new ValidationAccumulator(config.horizons());
        var norm = config.normalisation();
        double lossSum = 0;
        for (int i = 0; i < z.length; i++) {
            double[] actual = ds.targets(windows.get(i).index());
            int samples = z[i].length;
            double[] scaledDraws = new double[samples];
            double[] draws = new double[samples];
            for (int k = 0; k < h; k++) {
                for (int j = 0; j < samples; j++) {
                    scaledDraws[j] = z[i][j][k];
                    draws[j] = norm.logReturn(k, z[i][j][k]);
                }
                double scaled = norm.scaleTarget(k, actual[k]);
                lossSum += crps ? ScoringRules.crps(scaledDraws, scaled)
                        : Math.pow(SampleStatistics.mean(scaledDraws) - scaled, 2);
                acc.add(k, draws, actual[k]);
            }
        }
        return new Result(lossSum / ((double) windows.size() * h), acc.metrics());
    }
}
