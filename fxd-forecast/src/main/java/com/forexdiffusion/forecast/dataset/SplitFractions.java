package com.forexdiffusion.forecast.dataset;

import com.forexdiffusion.core.BadInputException;

/**
 * Shares of the usable windows given to train, validation and test (SPEC §4: 70/15/15 by default). Each
 * must be finite and &gt; 0 and together they must sum to 1 (within 1e-6).
 */
public record SplitFractions(double train, double validation, double test) {
    public static final SplitFractions DEFAULT = new SplitFractions(0.70, 0.15, 0.15);

    public SplitFractions {
        check("train", train);
        check("validation", validation);
        check("test", test);
        double sum = train + validation + test;
        if (Math.abs(sum - 1.0) > 1e-6) {
            throw BadInputException.ofField("fractions", "split fractions must sum to 1, got " + train + " + "
                    + validation + " + " + test + " = " + sum);
        }
    }

    private static void check(String name, double v) {
        if (!Double.isFinite(v) || v <= 0) {
            throw BadInputException.ofField("fractions." + name,
                    "split fraction must be a finite number > 0, got " + v);
        }
    }

    public double of(Split split) {
        return switch (split) {
            case TRAIN -> train;
            case VALIDATION -> validation;
            case TEST -> test;
        };
    }
}
