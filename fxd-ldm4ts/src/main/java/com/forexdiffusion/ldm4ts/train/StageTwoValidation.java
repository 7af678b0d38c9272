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

    /**
     * Monte Carlo samples of each validation window, scored per horizon in log returns (MSE and direction of the
     * mean, CRPS and 90 % coverage of the raw samples); the loss is the mean normalised CRPS (crps) or the
     * normalised MSE of the mean (mse) over all horizons.
     */
    Result run(Ldm4tsModel model, Ldm4tsConfig config, WindowDataset ds, List<Window> windows, float[] valLatents,
               WindowFeatures features) {
        int h = config.horizons().size();
        int per = config.vae().latentChannels() * config.latentSize() * config.latentSize();
        int samples = tc.validationSamples();
        int chunk = Math.max(1, Math.min(64, 4096 / samples));
        listener.stage("validation", windows.size());
        boolean crps = Ldm4tsConfig.LOSS_CRPS.equals(config.lossKind());
        ValidationAccumulator acc = new ValidationAccumulator(config.horizons());
        double lossSum = 0;
        var ts = ds.targetScaler();
        int[] idx = new int[windows.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        double[] scaledDraws = new double[samples];
        double[] draws = new double[samples];
        for (int from = 0; from < windows.size(); from += chunk) {
            int n = Math.min(chunk, windows.size() - from);
            Batch batch = features.build(ds.bars(), Ldm4tsTrainer.ends(windows, idx, from, n), n, false);
            float[][][] z;
            try (NDScope scope = new NDScope()) {
                float[] lat = java.util.Arrays.copyOfRange(valLatents, from * per, (from + n) * per);
                NDArray latents = Tensors.of(model.manager(), lat, new Shape(n, config.vae().latentChannels(),
                        config.latentSize(), config.latentSize()));
                z = model.sample(model.manager(), batch, latents, samples, tc.seed() + from);
            }
            for (int i = 0; i < n; i++) {
                Window w = windows.get(from + i);
                double[] scaled = ds.scaledTargets(w.index());
                double[] actual = ds.targets(w.index());
                for (int k = 0; k < h; k++) {
                    for (int j = 0; j < samples; j++) {
                        scaledDraws[j] = z[i][j][k];
                        draws[j] = ts.inverse(k, z[i][j][k]);
                    }
                    lossSum += crps ? ScoringRules.crps(scaledDraws, scaled[k])
                            : Math.pow(SampleStatistics.mean(scaledDraws) - scaled[k], 2);
                    acc.add(k, draws, actual[k]);
                }
            }
            listener.progress(from + n, Double.NaN, Double.NaN);
        }
        return new Result(lossSum / ((double) windows.size() * h), acc.metrics());
    }

}
