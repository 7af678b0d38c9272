package com.forexdiffusion.ldm4ts.service;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.HorizonForecast;
import com.forexdiffusion.forecast.SampleStatistics;
import com.forexdiffusion.ldm4ts.checkpoint.Checkpoint;
import com.forexdiffusion.ldm4ts.fusion.TemporalFusion;
import com.forexdiffusion.ldm4ts.model.Batch;
import com.forexdiffusion.ldm4ts.model.Ldm4tsConfig;
import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.forexdiffusion.ldm4ts.model.WindowFeatures;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * LDM4TS behind {@link Forecaster}: each window is encoded, its latent noised and denoised once per diffusion draw
 * (one by default: the sample head draws the S samples from it), all windows of a batch together, and the fused
 * normalised returns are turned back into log returns and prices per horizon. No gradient is tracked and every
 * tensor of a call is freed when the call returns. A window's samples depend on its request's seed only.
 */
public final class Ldm4tsForecaster implements Forecaster, AutoCloseable {
    public static final String NAME = "ldm4ts";
    private final Ldm4tsModel model;
    private final Ldm4tsConfig config;
    private final WindowFeatures features;
    private final String version;
    private final Timeframe timeframe;
    private final List<Horizon> horizons;

    private Ldm4tsForecaster(Ldm4tsModel model, String version) {
        this.model = model;
        this.config = model.config();
        this.features = new WindowFeatures(config, model.tokenizer());
        this.version = version;
        this.timeframe = config.timeframeKind();
        this.horizons = config.horizonList();
        model.params().freezeAll();
    }

    /**
     * Loads a checkpoint directory; its version is {@code ldm4ts-} and the first 12 hex digits of the SHA-256 of
     * its weights, so the same weights are one version wherever they lie.
     */
    public static Ldm4tsForecaster load(Path dir, Device device) {
        return load(dir, device, SamplerOverride.NONE);
    }

    /** The checkpoint with its samples drawn another way; the override is part of the version. */
    public static Ldm4tsForecaster load(Path dir, Device device, SamplerOverride sampler) {
        return load(dir, device, version(dir), sampler);
    }

    /** As {@link #load(Path, Device, SamplerOverride)} when the caller has already hashed the weights. */
    static Ldm4tsForecaster load(Path dir, Device device, String weightsVersion, SamplerOverride sampler) {
        return new Ldm4tsForecaster(Checkpoint.load(dir, device, sampler::apply),
                weightsVersion + sampler.versionSuffix());
    }

    public static String version(Path dir) {
        Path file = dir.resolve(Checkpoint.MODEL);
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // the digest reads along
            }
            byte[] digest = ((DigestInputStream) in).getMessageDigest().digest();
            return NAME + "-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (IOException e) {
            throw BadInputException.ofSource(file.toString(), "cannot read the model weights: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The model itself, for benchmarks that time its parts. */
    public Ldm4tsModel model() {
        return model;
    }

    public Ldm4tsConfig config() {
        return config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public int lookback() {
        return config.lookback();
    }

    @Override
    public Forecast forecast(ForecastRequest request) {
        return forecastBatch(List.of(request)).get(0);
    }

    /**
     * U-Net rows (windows × diffusion draws) of one pass; bounds memory (1 600 rows in one pass exhausted 24 GiB).
     * The sample head's rows (windows × samples) are small beside them.
     */
    public static final int MAX_ROWS = 400;
    /** Windows of one pass at most, so that a pass's head rows stay bounded too. */
    public static final int MAX_WINDOWS = 256;

    /**
     * All windows and their samples, as few passes as memory allows ({@link #MAX_ROWS} rows each); requests may
     * ask for different sample counts.
     */
    @Override
    public synchronized List<Forecast> forecastBatch(List<ForecastRequest> requests) {
        List<Forecast> out = new ArrayList<>(requests.size());
        for (List<ForecastRequest> pass : passes(requests)) {
            long t0 = System.nanoTime();
            float[][][] z = denoise(pass);
            double millis = (System.nanoTime() - t0) / 1e6 / pass.size();
            for (int i = 0; i < pass.size(); i++) {
                out.add(toForecast(pass.get(i), z[i], millis));
            }
        }
        return out;
    }

    /**
     * The Monte Carlo log returns themselves, [request][sample][model horizon], with the seeds and passes of
     * {@link #forecastBatch}: for callers that score the samples directly and need no quantiles or prices.
     */
    public synchronized double[][][] logReturns(List<ForecastRequest> requests) {
        double[][][] out = new double[requests.size()][][];
        int done = 0;
        for (List<ForecastRequest> pass : passes(requests)) {
            float[][][] z = denoise(pass);
            for (int i = 0; i < pass.size(); i++) {
                double[][] r = new double[pass.get(i).samples()][horizons.size()];
                for (int s = 0; s < r.length; s++) {
                    for (int k = 0; k < r[s].length; k++) {
                        r[s][k] = logReturn(z[i][s][k], k);
                    }
                }
                out[done++] = r;
            }
        }
        return out;
    }

    private List<List<ForecastRequest>> passes(List<ForecastRequest> requests) {
        int maxSamples = 1;
        for (ForecastRequest r : requests) {
            maxSamples = Math.max(maxSamples, r.samples());
        }
        int per = Math.min(MAX_WINDOWS, Math.max(1, MAX_ROWS / Math.max(1, unetRowsPerWindow(maxSamples))));
        List<List<ForecastRequest>> out = new ArrayList<>();
        for (int from = 0; from < requests.size(); from += per) {
            out.add(requests.subList(from, Math.min(requests.size(), from + per)));
        }
        return out;
    }

    /** U-Net rows a window with this many samples needs: its diffusion draws (none for the explicit ablation). */
    private int unetRowsPerWindow(int samples) {
        return config.fusionMode() == TemporalFusion.Mode.EXPLICIT_ONLY ? 0
                : config.diffusion().drawsFor(samples);
    }

    /** Normalised returns [request][sample][model horizon] of one pass. */
    private float[][][] denoise(List<ForecastRequest> requests) {
        int samples = requests.get(0).samples();
        List<BarSeries> windows = new ArrayList<>(requests.size());
        long[] seeds = new long[requests.size()];
        for (int i = 0; i < requests.size(); i++) {
            ForecastRequest r = requests.get(i);
            check(r);
            samples = Math.max(samples, r.samples());
            BarSeries w = r.window();
            windows.add(w.slice(w.size() - config.lookback(), w.size()));
            seeds[i] = r.seed();
        }
        Batch batch = features.build(windows);
        try (NDScope scope = new NDScope()) {
            NDArray latents = model.encodeMean(model.images(model.manager(), batch))
                    .mul((float) config.normalisation().latentScale());
            return model.sample(model.manager(), batch, latents, samples, seeds);
        }
    }

    private double logReturn(float z, int k) {
        return config.normalisation().logReturn(k, z);
    }

    private Forecast toForecast(ForecastRequest r, float[][] z, double millis) {
        List<HorizonForecast> hs = new ArrayList<>();
        int s = r.samples();
        for (Horizon h : r.horizons()) {
            int k = horizons.indexOf(h);
            double[] logReturns = new double[s];
            for (int j = 0; j < s; j++) {
                logReturns[j] = logReturn(z[j][k], k);
            }
            hs.add(SampleStatistics.fromLogReturns(h, r.time() + h.minutes() * 60_000L, r.lastClose(), logReturns,
                    new double[0], r.keepSamples()));
        }
        return new Forecast(r.symbol(), timeframe, r.time(), r.lastClose(), hs, millis, NAME, version);
    }

    /** Fails unless every horizon is one the model was trained for (a mismatched checkpoint, found at load). */
    public Ldm4tsForecaster requireHorizons(List<Horizon> wanted) {
        for (Horizon h : wanted) {
            if (!horizons.contains(h)) {
                throw BadInputException.ofField("horizons", "model " + version + " was trained for horizons "
                        + config.horizons() + " min, not " + h.minutes());
            }
        }
        return this;
    }

    public List<Horizon> horizons() {
        return horizons;
    }

    public Timeframe timeframe() {
        return timeframe;
    }

    private void check(ForecastRequest r) {
        if (r.timeframe() != timeframe) {
            throw BadInputException.ofField("timeframe", "model " + version + " forecasts " + timeframe + " bars, not "
                    + r.timeframe());
        }
        if (r.window().size() < config.lookback()) {
            throw BadInputException.ofField("window", "model " + version + " reads " + config.lookback()
                    + " bars, the window has " + r.window().size());
        }
        for (Horizon h : r.horizons()) {
            if (!horizons.contains(h)) {
                throw BadInputException.ofField("horizons", "model " + version + " was trained for horizons "
                        + config.horizons() + " min, not " + h.minutes());
            }
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
