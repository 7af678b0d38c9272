package com.forexdiffusion.ldm4ts.service;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.longhorizon.LongHorizonBenchmark;
import com.forexdiffusion.forecast.longhorizon.LongHorizonData;
import com.forexdiffusion.forecast.longhorizon.LongHorizonPrices;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LDM4TS in the long-horizon protocol: a checkpoint trained by {@code fxd train --ett} forecasts every step
 * 1 … H after a window of one channel (its sequence head is one output per step), on the prices of
 * {@link LongHorizonPrices}. The point forecast of a step is the mean over the Monte Carlo samples of the level
 * each sample implies, read from the samples' log returns. One pass serves every horizon up to H: forecasts are
 * kept per window, so scoring horizons 96, 192, 336 and 720 samples each window once.
 */
public final class Ldm4tsSequenceForecaster implements LongHorizonBenchmark.SequenceForecaster {
    private final Ldm4tsForecaster model;
    private final LongHorizonData data;
    private final Timeframe timeframe;
    private final int samples;
    private final long seed;
    private final List<Horizon> steps;
    private final Map<Long, double[]> done = new HashMap<>();

    public Ldm4tsSequenceForecaster(Ldm4tsForecaster model, LongHorizonData data, int samples, long seed) {
        this.model = model;
        this.data = data;
        this.timeframe = model.timeframe();
        this.samples = samples;
        this.seed = seed;
        List<Horizon> hs = model.horizons();
        for (int k = 0; k < hs.size(); k++) {
            if (hs.get(k).bars(timeframe) != k + 1) {
                throw BadInputException.ofField("model", "model " + model.version() + " does not forecast every step "
                        + "(horizons " + model.config().horizons() + " min); train it with fxd train --ett");
            }
        }
        this.steps = hs;
    }

    /** The longest horizon the model forecasts, in steps. */
    public int maxSteps() {
        return steps.size();
    }

    /** Fails unless the model's head reaches h steps. */
    public void requireSteps(int h) {
        if (h > steps.size()) {
            throw BadInputException.ofField("horizons", "model " + model.version() + " forecasts " + steps.size()
                    + " steps, not " + h);
        }
    }

    @Override
    public double[][] predict(int[][] windows, int h) {
        requireSteps(h);
        int lookback = model.lookback();
        List<ForecastRequest> requests = new ArrayList<>();
        List<Long> keys = new ArrayList<>();
        Set<Long> asked = new HashSet<>();
        for (int[] w : windows) {
            long key = key(w);
            if (!done.containsKey(key) && asked.add(key)) {
                keys.add(key);
                // Each window's seed depends on the window alone, so batching and horizon order change nothing.
                requests.add(new ForecastRequest(LongHorizonPrices.window(data, timeframe, w[1], w[0], w[0] + lookback),
                        steps, samples, seed ^ (key * 0x9E3779B97F4A7C15L), false));
            }
        }
        // level(last · e^r) = level(last) + r / SCALE: the mean level is read from the log returns directly.
        double[][][] r = model.logReturns(requests);
        for (int i = 0; i < r.length; i++) {
            double last = LongHorizonPrices.level(requests.get(i).lastClose());
            double[] levels = new double[steps.size()];
            for (double[] sample : r[i]) {
                for (int k = 0; k < levels.length; k++) {
                    levels[k] += sample[k];
                }
            }
            for (int k = 0; k < levels.length; k++) {
                levels[k] = last + levels[k] / r[i].length / LongHorizonPrices.SCALE;
            }
            done.put(keys.get(i), levels);
        }
        double[][] out = new double[windows.length][];
        for (int i = 0; i < windows.length; i++) {
            out[i] = done.get(key(windows[i]));
        }
        return out;
    }

    private long key(int[] w) {
        return (long) w[0] * data.channels() + w[1];
    }
}
