package com.forexdiffusion.forecast.conformal;

import com.forexdiffusion.core.BadInputException;

/**
 * Settings of the online calibration that trading applies to every forecaster.
 *
 * @param alpha  miscoverage target of the [q05, q95] interval (0.1: 90%)
 * @param gamma  ACI step size of the level update
 * @param window most recent scores kept per horizon (ACI)
 * @param warmup resolved outcomes a horizon needs before its calibrated interval is issued; split conformal
 *               takes exactly these as its fixed calibration set
 */
public record CalibrationConfig(CalibrationMode mode, double alpha, double gamma, int window, int warmup) {
    public static final int DEFAULT_WARMUP = 50;

    public CalibrationConfig {
        if (mode == null) {
            throw BadInputException.ofField("calibration", "a mode is required (" + CalibrationMode.labels() + ")");
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw BadInputException.ofField("calibration.alpha", "must be in (0, 1), got " + alpha);
        }
        if (!(gamma >= 0 && gamma < 1)) {
            throw BadInputException.ofField("calibration.gamma", "must be in [0, 1), got " + gamma);
        }
        // Below ⌈1/α⌉ − 1 scores the conformal quantile is infinite: the warm-up must at least reach it.
        int least = (int) Math.ceil(1 / alpha) - 1;
        if (warmup < least) {
            throw BadInputException.ofField("calibration.warmup", "must be at least " + least + " outcomes at alpha "
                    + alpha + ", got " + warmup);
        }
        if (window < warmup) {
            throw BadInputException.ofField("calibration.window", "must hold the warm-up of " + warmup
                    + " scores, got " + window);
        }
    }

    /** ACI at 90%, γ = 0.005 (Gibbs and Candès), the latest 500 scores, issued after 50 resolved outcomes. */
    public static CalibrationConfig defaults() {
        return new CalibrationConfig(CalibrationMode.ACI, 0.1, 0.005, 500, DEFAULT_WARMUP);
    }

    public CalibrationConfig withMode(CalibrationMode m) {
        return new CalibrationConfig(m, alpha, gamma, window, warmup);
    }

    public CalibrationConfig withWarmup(int outcomes, int scoresKept) {
        return new CalibrationConfig(mode, alpha, gamma, scoresKept, outcomes);
    }

    public CalibrationConfig withRates(double miscoverage, double stepSize) {
        return new CalibrationConfig(mode, miscoverage, stepSize, window, warmup);
    }
}
