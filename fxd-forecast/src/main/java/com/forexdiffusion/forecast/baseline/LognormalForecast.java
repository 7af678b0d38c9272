package com.forexdiffusion.forecast.baseline;

import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.forecast.HorizonForecast;
import org.hipparchus.special.Erf;

import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The forecast of a price with normal log returns: ln(P_h / P_0) ~ N(μ, σ²). The random walks use
 * μ = −σ²/2, a martingale (E[P_h] = P_0). Statistics are exact (not sampled); samples are drawn only when asked
 * for, from the given seed.
 */
public final class LognormalForecast {
    private LognormalForecast() {
    }

    static HorizonForecast of(Horizon horizon, long targetTime, double lastClose, double sigma, double[] levels,
                              SplittableRandom rnd, int samples, boolean keepSamples) {
        return of(horizon, targetTime, lastClose, -0.5 * sigma * sigma, sigma, levels, rnd, samples, keepSamples);
    }

    public static HorizonForecast of(Horizon horizon, long targetTime, double lastClose, double mu, double sigma,
                                     double[] levels, SplittableRandom rnd, int samples, boolean keepSamples) {
        double mean = lastClose * Math.exp(mu + 0.5 * sigma * sigma);
        double std = mean * Math.sqrt(Math.expm1(sigma * sigma));
        TreeMap<Double, Double> q = new TreeMap<>();
        for (double level : HorizonForecast.DEFAULT_LEVELS) {
            q.put(level, lastClose * Math.exp(mu + sigma * normalQuantile(level)));
        }
        for (double level : levels) {
            q.put(level, lastClose * Math.exp(mu + sigma * normalQuantile(level)));
        }
        double[] draws = null;
        if (keepSamples) {
            draws = new double[samples];
            for (int i = 0; i < samples; i++) {
                draws[i] = lastClose * Math.exp(mu + sigma * rnd.nextGaussian());
            }
        }
        return new HorizonForecast(horizon, targetTime, mean, std, q, draws);
    }

    /** Φ⁻¹(p) = √2 · erf⁻¹(2p − 1). */
    static double normalQuantile(double p) {
        return Math.sqrt(2) * Erf.erfInv(2 * p - 1);
    }
}
