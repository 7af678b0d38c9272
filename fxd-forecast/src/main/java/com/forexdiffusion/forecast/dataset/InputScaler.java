package com.forexdiffusion.forecast.dataset;

import com.forexdiffusion.core.BadInputException;

/**
 * Z-scores each {@link InputFeature} with statistics fitted on the distinct input bars of the train windows
 * (a bar shared by several windows counts once). Columns are named after the features, in enum order.
 */
public final class InputScaler {
    private static final InputFeature[] FEATURES = InputFeature.values();
    private final ScalingStats stats;

    private InputScaler(ScalingStats stats) {
        this.stats = stats;
    }

    public static InputScaler of(ScalingStats stats) {
        if (stats == null) {
            throw BadInputException.ofField("scaling", "input scaling statistics are missing");
        }
        if (stats.size() != FEATURES.length) {
            throw BadInputException.ofField("scaling", "input scaling needs " + FEATURES.length
                    + " features, got " + stats.names());
        }
        for (InputFeature f : FEATURES) {
            if (!stats.names().get(f.ordinal()).equals(f.name())) {
                throw BadInputException.ofField("scaling", "input scaling column " + f.ordinal() + " is '"
                        + stats.names().get(f.ordinal()) + "', expected '" + f.name() + "'");
            }
        }
        return new InputScaler(stats);
    }

    public ScalingStats stats() {
        return stats;
    }

    public double transform(InputFeature f, double x) {
        return (x - stats.meanAt(f.ordinal())) / stats.stdAt(f.ordinal());
    }

    public double inverse(InputFeature f, double z) {
        return z * stats.stdAt(f.ordinal()) + stats.meanAt(f.ordinal());
    }
}
