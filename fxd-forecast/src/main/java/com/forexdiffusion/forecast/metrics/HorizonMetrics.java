package com.forexdiffusion.forecast.metrics;

import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.forecast.HorizonForecast;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accumulates the evaluation of one horizon over many (forecast, outcome) pairs: MSE and MAE on log returns and
 * prices, CRPS of the sample prices, pinball loss per quantile level, coverage of [q05, q95], PIT values and
 * directional accuracy. Not thread-safe.
 */
public final class HorizonMetrics {
    private final Horizon horizon;
    private long n;
    private double sqRet;
    private double absRet;
    private double sqPrice;
    private double absPrice;
    private double crpsSum;
    private long crpsN;
    private long covered;
    private long hits;
    private long directional;
    private final TreeMap<Double, double[]> pinball = new TreeMap<>();
    private final List<Double> pits = new ArrayList<>();
    private final List<Double> sigmas = new ArrayList<>();
    private final List<Double> absReturns = new ArrayList<>();

    public HorizonMetrics(Horizon horizon) {
        this.horizon = horizon;
    }

    /**
     * Adds one forecast made when the price was {@code lastClose}, whose target close turned out {@code actual}.
     * The point forecast is the mean; the log-return errors compare ln(mean / lastClose) with ln(actual / lastClose).
     */
    public void add(HorizonForecast f, double lastClose, double actual) {
        if (!(actual > 0) || !(lastClose > 0)) {
            throw new IllegalArgumentException("prices must be positive: last close " + lastClose + ", actual " + actual);
        }
        n++;
        double predRet = Math.log(f.mean() / lastClose);
        double realRet = Math.log(actual / lastClose);
        sqRet += (predRet - realRet) * (predRet - realRet);
        absRet += Math.abs(predRet - realRet);
        sqPrice += (f.mean() - actual) * (f.mean() - actual);
        absPrice += Math.abs(f.mean() - actual);
        if (f.samples() != null) {
            crpsSum += ScoringRules.crps(f.samples(), actual);
            crpsN++;
            pits.add(ScoringRules.pit(f.samples(), actual));
        }
        sigmas.add(f.std() / lastClose);
        absReturns.add(Math.abs(realRet));
        if (ScoringRules.covered(f.q05(), f.q95(), actual)) {
            covered++;
        }
        for (Map.Entry<Double, Double> q : f.quantiles().entrySet()) {
            double[] acc = pinball.computeIfAbsent(q.getKey(), k -> new double[2]);
            acc[0] += ScoringRules.pinball(q.getValue(), q.getKey(), actual);
            acc[1]++;
        }
        // Only calls count: a forecast of no move (a random walk) makes no directional call, and a bar that
        // closed exactly where it started has no direction to predict.
        double predMove = f.mean() - lastClose;
        double realMove = actual - lastClose;
        if (realMove != 0 && predMove != 0) {
            directional++;
            if (Math.signum(predMove) == Math.signum(realMove)) {
                hits++;
            }
        }
    }

    public Summary summary() {
        TreeMap<Double, Double> pin = new TreeMap<>();
        pinball.forEach((level, acc) -> pin.put(level, acc[0] / acc[1]));
        double[] p = pits.stream().mapToDouble(Double::doubleValue).toArray();
        return new Summary(horizon, n, sqRet / n, absRet / n, sqPrice / n, absPrice / n,
                crpsN == 0 ? Double.NaN : crpsSum / crpsN, pin, n == 0 ? Double.NaN : (double) covered / n,
                PitHistogram.of(p, PitHistogram.DEFAULT_BINS), DirectionalAccuracy.of(hits, directional),
                sharpness());
    }

    /** Spearman's rank correlation of the forecast σ with the realised |return|; NaN when either is constant. */
    private double sharpness() {
        double[] s = sigmas.stream().mapToDouble(Double::doubleValue).toArray();
        double[] a = absReturns.stream().mapToDouble(Double::doubleValue).toArray();
        if (s.length < 3 || constant(s) || constant(a)) {
            return Double.NaN;
        }
        return new org.hipparchus.stat.correlation.SpearmansCorrelation().correlation(s, a);
    }

    private static boolean constant(double[] x) {
        for (double v : x) {
            if (v != x[0]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The figures of one horizon; CRPS is on prices and NaN when the forecaster kept no samples;
     * sigmaAbsReturnSpearman is the rank correlation of σ with the realised |return| (does the spread follow the
     * market's moves?).
     */
    public record Summary(Horizon horizon, long n, double mseReturn, double maeReturn, double msePrice,
                          double maePrice, double crps, Map<Double, Double> pinball, double coverage90,
                          PitHistogram pit, DirectionalAccuracy directional, double sigmaAbsReturnSpearman) {
    }
}
