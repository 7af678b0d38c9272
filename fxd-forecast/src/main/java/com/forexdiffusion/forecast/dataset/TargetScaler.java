package com.forexdiffusion.forecast.dataset;

import com.forexdiffusion.core.BadInputException;

/**
 * Z-scores the log return of each horizon with statistics fitted on train windows only:
 * z = (r − mean_h) / std_h and back. Rebuild one from a checkpoint with {@link #of(ScalingStats)}.
 */
public final class TargetScaler {
    private final ScalingStats stats;

    private TargetScaler(ScalingStats stats) {
        this.stats = stats;
    }

    public static TargetScaler of(ScalingStats stats) {
        if (stats == null) {
            throw BadInputException.ofField("scaling", "target scaling statistics are missing");
        }
        return new TargetScaler(stats);
    }

    /** The fitted statistics, one column per horizon named by its minutes. */
    public ScalingStats stats() {
        return stats;
    }

    public int horizons() {
        return stats.size();
    }

    public double transform(int horizon, double logReturn) {
        return (logReturn - stats.meanAt(horizon)) / stats.stdAt(horizon);
    }

    public double inverse(int horizon, double scaled) {
        return scaled * stats.stdAt(horizon) + stats.meanAt(horizon);
    }

    /** Scales one value per horizon from {@code src} into {@code dst} (may be the same array). */
    public void transform(double[] src, double[] dst) {
        check(src, dst);
        for (int h = 0; h < src.length; h++) {
            dst[h] = transform(h, src[h]);
        }
    }

    public void inverse(double[] src, double[] dst) {
        check(src, dst);
        for (int h = 0; h < src.length; h++) {
            dst[h] = inverse(h, src[h]);
        }
    }

    private void check(double[] src, double[] dst) {
        if (src.length != stats.size() || dst.length != stats.size()) {
            throw new IllegalArgumentException("expected " + stats.size() + " horizons, got " + src.length
                    + " in and " + dst.length + " out");
        }
    }

    @Override
    public String toString() {
        return "TargetScaler" + stats;
    }
}
