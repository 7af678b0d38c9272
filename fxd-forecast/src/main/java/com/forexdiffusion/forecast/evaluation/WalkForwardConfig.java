package com.forexdiffusion.forecast.evaluation;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.forecast.conformal.ConformalCalibrator;

import java.util.List;

/**
 * Rolling folds: [train | gap | calibration | gap | test], then the whole layout moves on by the test length.
 * The gap is at least the longest horizon in bars, so no target of one part is a bar of the next.
 *
 * @param step      forecast every step-th bar of the calibration and test parts
 * @param conformal calibration mode, or null for raw forecasts
 */
public record WalkForwardConfig(int trainBars, int calibrationBars, int testBars, int step, List<Horizon> horizons,
                                int samples, long seed, ConformalCalibrator.Mode conformal, double alpha)
        implements java.io.Serializable {
    public WalkForwardConfig {
        if (trainBars < 100 || calibrationBars < 20 || testBars < 1 || step < 1) {
            throw BadInputException.ofField("evaluation", "need train >= 100, calibration >= 20, test >= 1 bars and "
                    + "step >= 1; got " + trainBars + ", " + calibrationBars + ", " + testBars + ", " + step);
        }
        if (samples < 2) {
            throw BadInputException.ofField("samples", "CRPS needs at least 2 samples, got " + samples);
        }
        horizons = List.copyOf(horizons);
    }
}
