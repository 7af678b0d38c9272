package com.forexdiffusion.ldm4ts.benchmark;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.ldm4ts.model.Batch;
import com.forexdiffusion.ldm4ts.model.Ldm4tsConfig;
import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.forexdiffusion.ldm4ts.model.Normalisation;
import com.forexdiffusion.ldm4ts.model.Profile;
import com.forexdiffusion.ldm4ts.model.WindowFeatures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a profile at its true sizes on random weights and times one forward pass of each part on one window:
 * VAE encode, one U-Net step, and (optionally) the whole Monte Carlo sampling. It answers "does the paper profile
 * run here, how large is it, and where does the time go" without any pretrained file.
 */
public final class ModelBenchmark {
    private ModelBenchmark() {
    }

    /** Parameter counts by part and milliseconds by stage (medians of {@code repeats}). */
    public record Result(String profile, int imageSize, Map<String, Long> parameters, double buildMs, double encodeMs,
                         double unetStepMs, double contextMs, double sampleMs, int samples, int unetSteps) {
    }

    public static Result run(Profile profile, BarSeries bars, int samples, int repeats) {
        List<Integer> horizons = List.of(15, 30, 60);
        Ldm4tsConfig base = profile == Profile.COMPACT
                ? Ldm4tsConfig.compact("EURUSD", Timeframe.M5, horizons, 1)
                : Ldm4tsConfig.paper("EURUSD", Timeframe.M5, horizons, 1, null, null);
        Ldm4tsConfig cfg = base.withNormalisation(new Normalisation(List.of(0.0, 0.0, 0.0), List.of(1e-3, 1e-3, 1e-3),
                0, 1e-4, 1.0));
        long t0 = System.nanoTime();
        try (Ldm4tsModel model = Ldm4tsModel.create(cfg, Ldm4tsModel.defaultDevice())) {
            double buildMs = (System.nanoTime() - t0) / 1e6;
            model.params().freezeAll();
            Map<String, Long> params = new LinkedHashMap<>();
            for (String part : List.of("vae", "unet", "text_encoder", "clip", "clip_projection", "frequency", "fusion")) {
                long n = model.params().count(name -> name.startsWith(part + "."));
                if (n > 0) {
                    params.put(part, n);
                }
            }
            params.put("total", model.params().count());
            WindowFeatures wf = new WindowFeatures(cfg, model.tokenizer());
            Batch batch = wf.build(bars, new int[] {bars.size() - 1}, 1);
            int latent = cfg.latentSize();
            List<Double> encode = new ArrayList<>();
            List<Double> unet = new ArrayList<>();
            List<Double> context = new ArrayList<>();
            List<Double> sample = new ArrayList<>();
            int steps = cfg.diffusion().inferenceTimesteps(model.scheduler()).length;
            for (int r = 0; r < repeats + 1; r++) {
                try (NDScope scope = new NDScope()) {
                    long a = System.nanoTime();
                    NDArray z = model.encodeMean(model.images(model.manager(), batch));
                    z.toFloatArray();
                    long b = System.nanoTime();
                    NDArray ctx = model.context(model.manager(), batch);
                    ctx.toFloatArray();
                    long c = System.nanoTime();
                    model.denoise(z, 500, ctx).toFloatArray();
                    long d = System.nanoTime();
                    double s = Double.NaN;
                    if (samples > 0) {
                        model.sample(model.manager(), batch, z.reshape(new Shape(1, cfg.vae().latentChannels(),
                                latent, latent)), samples, r);
                        s = (System.nanoTime() - d) / 1e6;
                    }
                    if (r > 0) {
                        encode.add((b - a) / 1e6);
                        context.add((c - b) / 1e6);
                        unet.add((d - c) / 1e6);
                        sample.add(s);
                    }
                }
            }
            return new Result(cfg.profile(), cfg.imageSize(), params, buildMs, median(encode), median(unet),
                    median(context), median(sample), samples, steps);
        }
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.isEmpty() ? Double.NaN : s.get(s.size() / 2);
    }
}
