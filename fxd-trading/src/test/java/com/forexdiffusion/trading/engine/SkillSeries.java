package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.HorizonForecast;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Series with known structure for the skill gate's tests, and forecasters with and without skill on them. */
final class SkillSeries {
    static final long START = Instant.parse("2023-01-02T00:00:00Z").toEpochMilli();

    private SkillSeries() {
    }

    /**
     * M15 EURUSD-like bars whose log returns follow r_t = φ r_{t−1} + σ ε_t (φ = 0: a Gaussian random walk), seeded.
     * Open = the previous close, high and low the two plus a seeded wick of up to a fifth of σ.
     */
    static BarSeries ar1(long seed, int n, double phi, double sigma) {
        SplittableRandom rnd = new SplittableRandom(seed);
        BarSeries.Builder b = BarSeries.builder("EURUSD", Timeframe.M15, n);
        double p = 1.10;
        double r = 0;
        for (int i = 0; i < n; i++) {
            r = phi * r + sigma * rnd.nextGaussian();
            double next = p * Math.exp(r);
            double hi = Math.max(p, next) * (1 + 0.2 * sigma * rnd.nextDouble());
            double lo = Math.min(p, next) * (1 - 0.2 * sigma * rnd.nextDouble());
            b.add(START + i * 900_000L, p, hi, lo, next, 100 + rnd.nextInt(900));
            p = next;
        }
        return b.build();
    }

    /** A normal price forecast: mean = close·e^μ, σ = close·s, q05/q95 = close·e^(μ ∓ 1.645 s). */
    static HorizonForecast normal(Horizon h, long target, double close, double mu, double s) {
        TreeMap<Double, Double> q = new TreeMap<>();
        q.put(0.05, close * Math.exp(mu - 1.645 * s));
        q.put(0.5, close * Math.exp(mu));
        q.put(0.95, close * Math.exp(mu + 1.645 * s));
        return new HorizonForecast(h, target, close * Math.exp(mu), close * s, q, null);
    }

    /** The log returns of a window. */
    static double[] returns(BarSeries w) {
        double[] r = new double[w.size() - 1];
        for (int i = 1; i < w.size(); i++) {
            r[i - 1] = Math.log(w.close(i) / w.close(i - 1));
        }
        return r;
    }

    /** The least-squares AR(1) coefficient (no intercept) of a run of returns. */
    static double phi(double[] r) {
        double sxy = 0;
        double sxx = 0;
        for (int i = 1; i < r.length; i++) {
            sxy += r[i] * r[i - 1];
            sxx += r[i - 1] * r[i - 1];
        }
        return sxx > 0 ? sxy / sxx : 0;
    }

    /**
     * Knows the structure: an AR(1) whose φ is fitted by least squares on the returns of its window only (or, made by
     * {@link #fittedOn}, once on bars before the first decision and then kept, as a model trained beforehand is), and
     * forecasts the h-bar log return r_t (φ + … + φ^h) with the AR(1)'s h-step error variance σ̂² Σ_j (Σ_{k≤j} φ^k)²,
     * σ̂ from the window's residuals.
     */
    static final class Ar1 implements Forecaster {
        private final Double fixedPhi;

        Ar1() {
            this(null);
        }

        private Ar1(Double fixedPhi) {
            this.fixedPhi = fixedPhi;
        }

        /** φ fitted on {@code train} (bars before the first decision) and kept. */
        static Ar1 fittedOn(BarSeries train) {
            return new Ar1(phi(returns(train)));
        }

        public String name() {
            return "ar1";
        }

        public String version() {
            return fixedPhi == null ? "window" : "phi=" + fixedPhi;
        }

        public int lookback() {
            return 300;
        }

        public Forecast forecast(ForecastRequest req) {
            double[] r = returns(req.window());
            double phi = fixedPhi != null ? fixedPhi : phi(r);
            double sse = 0;
            for (int i = 1; i < r.length; i++) {
                sse += Math.pow(r[i] - phi * r[i - 1], 2);
            }
            double s2 = sse / Math.max(1, r.length - 2);
            double last = req.lastClose();
            List<HorizonForecast> out = new ArrayList<>();
            for (Horizon h : req.horizons()) {
                int bars = h.bars(req.timeframe());
                double mu = 0;
                double var = 0;
                double pk = 1;
                double cum = 0;
                for (int k = 1; k <= bars; k++) {
                    pk *= phi;
                    mu += pk;
                    cum += Math.pow(phi, k - 1);
                    var += cum * cum;
                }
                out.add(normal(h, req.time() + h.minutes() * 60_000L, last, r[r.length - 1] * mu,
                        Math.sqrt(s2 * var)));
            }
            return new Forecast(req.symbol(), req.timeframe(), req.time(), last, out, 0, name(), version());
        }
    }

    /**
     * No skill anywhere: a coin (seeded by the bar time) picks the direction and the move is 0.8 of the window's
     * return σ per bar, with that σ as spread. Its calls are right half the time on any series, and its means are
     * off by the move, so its CRPS is worse than the random walk's.
     */
    static final class Coin implements Forecaster {
        public String name() {
            return "coin";
        }

        public String version() {
            return "test";
        }

        public int lookback() {
            return 300;
        }

        public Forecast forecast(ForecastRequest req) {
            double[] r = returns(req.window());
            double ss = 0;
            for (double x : r) {
                ss += x * x;
            }
            double s = Math.sqrt(ss / r.length);
            double sign = new SplittableRandom(req.time()).nextBoolean() ? 1 : -1;
            double last = req.lastClose();
            List<HorizonForecast> out = new ArrayList<>();
            for (Horizon h : req.horizons()) {
                int bars = h.bars(req.timeframe());
                out.add(normal(h, req.time() + h.minutes() * 60_000L, last, sign * 0.8 * s * Math.sqrt(bars),
                        s * Math.sqrt(bars)));
            }
            return new Forecast(req.symbol(), req.timeframe(), req.time(), last, out, 0, name(), version());
        }
    }
}
