package com.forexdiffusion.data.synthetic;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxMarketHours;
import com.forexdiffusion.core.Timeframe;

import java.util.SplittableRandom;

/**
 * A synthetic FX market in M1 bars: GARCH(1,1) log returns with unit-variance Student-t shocks, scaled by the
 * session of the hour, optional Markov regimes, closed from Friday to Sunday 17:00 New York, with a weekend
 * gap on reopening, and an optional planted AR(1) component in block returns. Deterministic for a given config.
 * Rows it produces must be stored with source "synthetic".
 */
public final class SyntheticGenerator {
    /** Source label for stored rows, so every output can say the data is synthetic. */
    public static final String SOURCE = "synthetic";
    static final double TRADING_MINUTES_PER_YEAR = 5 * 1440 * 52;
    private static final int SUB_STEPS = 4;
    /** Mean regime duration of about two trading days. */
    private static final double REGIME_SWITCH_PER_MINUTE = 1.0 / 2880;
    private static final long HOUR = 3_600_000L;

    private final SyntheticConfig cfg;

    public SyntheticGenerator(SyntheticConfig cfg) {
        this.cfg = cfg;
    }

    /** Bars and the regime that generated each of them. */
    public record Result(BarSeries bars, MarketRegime[] regimes) {
    }

    public BarSeries generate(String symbol, long startMs, int days) {
        return generateWithRegimes(symbol, startMs, days).bars();
    }

    public Result generateWithRegimes(String symbol, long startMs, int days) {
        if (days <= 0) {
            throw new IllegalArgumentException("days must be positive, got " + days);
        }
        SplittableRandom rnd = new SplittableRandom(cfg.seed());
        long start = Timeframe.M1.alignDown(startMs);
        long end = start + days * 86_400_000L;
        int capacity = (int) ((end - start) / 60_000L * 5 / 7) + 2 * 1440;
        BarSeries.Builder b = BarSeries.builder(symbol, Timeframe.M1, capacity);
        MarketRegime[] regimes = new MarketRegime[capacity];

        double minuteVar = cfg.annualVol() * cfg.annualVol() / TRADING_MINUTES_PER_YEAR;
        double omega = minuteVar * (1 - cfg.alpha() - cfg.beta());
        double h = minuteVar;
        double tScale = Math.sqrt((cfg.tDof() - 2.0) / cfg.tDof());
        double scale = Math.pow(10, cfg.digits());
        double logPrice = Math.log(cfg.startPrice());
        double prevClose = round(cfg.startPrice(), scale);
        MarketRegime regime = MarketRegime.CALM;
        MarketRegime[] all = MarketRegime.values();
        double[] path = new double[SUB_STEPS + 1];
        Planted planted = new Planted(cfg.autoregression());

        long hourStart = Long.MIN_VALUE;
        boolean open = false;
        boolean wasOpen = true;
        double season = 1;
        int n = 0;
        for (long t = start; t < end; t += 60_000L) {
            long hs = Math.floorDiv(t, HOUR) * HOUR;
            if (hs != hourStart) {
                // The FX week opens and closes on whole hours, so checking once an hour is exact.
                hourStart = hs;
                open = FxMarketHours.isOpen(hs);
                season = cfg.seasonality() ? sessionFactor((int) Math.floorMod(hs / HOUR, 24)) : 1;
            }
            if (!open) {
                wasOpen = false;
                continue;
            }
            if (!wasOpen && n > 0) {
                // Weekend news arrives all at once: the week opens with a gap of about 20 minutes' volatility.
                logPrice += Math.sqrt(20 * minuteVar) * rnd.nextGaussian();
                prevClose = round(Math.exp(logPrice), scale);
            }
            wasOpen = true;
            if (cfg.regimes() && rnd.nextDouble() < REGIME_SWITCH_PER_MINUTE) {
                regime = all[rnd.nextInt(all.length)];
            }
            double z = studentT(rnd, cfg.tDof()) * tScale;
            double eps = Math.sqrt(h) * z;
            double volScale = season * (cfg.regimes() ? regime.volScale : 1);
            double drift = cfg.regimes() ? regime.driftSigmas * Math.sqrt(minuteVar) : 0;
            double r = drift + volScale * eps + planted.drift(t);
            planted.add(r);
            h = omega + cfg.alpha() * eps * eps + cfg.beta() * h;

            // A Brownian bridge from open to close gives the bar a plausible high and low.
            double subSd = Math.abs(volScale) * Math.sqrt(h / SUB_STEPS);
            double w = 0;
            path[0] = 0;
            for (int k = 1; k <= SUB_STEPS; k++) {
                w += subSd * rnd.nextGaussian();
                path[k] = w;
            }
            double openP = prevClose;
            double openLog = Math.log(openP);
            double hi = openP;
            double lo = openP;
            for (int k = 1; k < SUB_STEPS; k++) {
                double x = path[k] - (double) k / SUB_STEPS * (path[SUB_STEPS] - r);
                double p = round(Math.exp(openLog + x), scale);
                hi = Math.max(hi, p);
                lo = Math.min(lo, p);
            }
            logPrice = openLog + r;
            double closeP = round(Math.exp(logPrice), scale);
            hi = Math.max(hi, closeP);
            lo = Math.min(lo, closeP);
            double volume = Math.max(1, Math.round(40 * season * (0.5 + Math.abs(z)) * (0.75 + 0.5 * rnd.nextDouble())));
            b.add(t, openP, hi, lo, closeP, volume);
            if (n == regimes.length) {
                regimes = java.util.Arrays.copyOf(regimes, n * 2);
            }
            regimes[n++] = regime;
            prevClose = closeP;
        }
        return new Result(b.build(), java.util.Arrays.copyOf(regimes, n));
    }

    /** The AR(1) component: the drift of each block's minutes from the previous block's return. */
    private static final class Planted {
        private final SyntheticConfig.Autoregression ar;
        private final long blockMillis;
        private long block = Long.MIN_VALUE;
        private double sum;
        private double drift;

        Planted(SyntheticConfig.Autoregression ar) {
            this.ar = ar;
            this.blockMillis = ar.minutes() * 60_000L;
        }

        double drift(long t) {
            if (!ar.active()) {
                return 0;
            }
            long b = Math.floorDiv(t, blockMillis);
            if (b != block) {
                drift = block == Long.MIN_VALUE ? 0 : ar.coefficient() * sum / ar.minutes();
                block = b;
                sum = 0;
            }
            return drift;
        }

        void add(double r) {
            sum += r;
        }
    }

    /**
     * Volatility multiplier by UTC hour: Asia quiet, London busy, the London/New York overlap busiest, the New
     * York afternoon fading. Normalised so that its mean square over the trading day is 1.
     */
    static double sessionFactor(int utcHour) {
        return SESSION[utcHour];
    }

    private static final double[] SESSION = normalise(new double[]{
            0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.7, 1.0, 1.2, 1.2, 1.1, 1.1,
            1.4, 1.6, 1.6, 1.5, 1.2, 0.9, 0.8, 0.7, 0.6, 0.5, 0.5, 0.6});

    private static double[] normalise(double[] f) {
        double ms = 0;
        for (double x : f) {
            ms += x * x;
        }
        ms /= f.length;
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i] / Math.sqrt(ms);
        }
        return out;
    }

    /** A Student-t draw with integer degrees of freedom: Z / sqrt(chi2(ν) / ν). */
    static double studentT(SplittableRandom rnd, int dof) {
        double chi2 = 0;
        for (int i = 0; i < dof; i++) {
            double g = rnd.nextGaussian();
            chi2 += g * g;
        }
        return rnd.nextGaussian() / Math.sqrt(chi2 / dof);
    }

    private static double round(double price, double scale) {
        return Math.round(price * scale) / scale;
    }
}
