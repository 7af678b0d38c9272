package com.forexdiffusion.trading.optimisation.space;

import com.forexdiffusion.core.BadInputException;

import java.util.List;

/**
 * One searchable parameter. Samplers work in a unit cube: every numeric parameter maps to [0, 1] (a log-float
 * through its logarithm, so steps are relative), a categorical one to the index of its choice.
 */
public sealed interface Param {
    String name();

    /** The value at unit coordinate {@code u} in [0, 1] (numeric parameters only). */
    Object fromUnit(double u);

    /** The unit coordinate of a value of this parameter. */
    double toUnit(Object value);

    /** An integer in [low, high], both included. */
    record IntParam(String name, int low, int high) implements Param {
        public IntParam {
            if (low > high) {
                throw BadInputException.ofField(name + ".low", "must be <= high (" + high + "), got " + low);
            }
        }

        public Object fromUnit(double u) {
            return (int) Math.round(low + clamp(u) * (high - low));
        }

        public double toUnit(Object value) {
            return high == low ? 0.5 : (((Number) value).intValue() - low) / (double) (high - low);
        }
    }

    /** A real number in [low, high]; with {@code log} sampled uniformly in its logarithm (low must be > 0). */
    record FloatParam(String name, double low, double high, boolean log) implements Param {
        public FloatParam {
            if (!(low <= high) || !Double.isFinite(low) || !Double.isFinite(high)) {
                throw BadInputException.ofField(name + ".low", "must be a finite number <= high (" + high + "), got "
                        + low);
            }
            if (log && !(low > 0)) {
                throw BadInputException.ofField(name + ".low", "must be > 0 for a log-scaled parameter, got " + low);
            }
        }

        public Object fromUnit(double u) {
            double c = clamp(u);
            return log ? Math.exp(Math.log(low) + c * (Math.log(high) - Math.log(low))) : low + c * (high - low);
        }

        public double toUnit(Object value) {
            double v = ((Number) value).doubleValue();
            if (high == low) {
                return 0.5;
            }
            return log ? (Math.log(v) - Math.log(low)) / (Math.log(high) - Math.log(low)) : (v - low) / (high - low);
        }
    }

    /** One of a list of choices (strings, numbers or booleans), without an order. */
    record CategoricalParam(String name, List<Object> choices) implements Param {
        public CategoricalParam {
            if (choices == null || choices.isEmpty()) {
                throw BadInputException.ofField(name + ".choices", "must list at least one choice");
            }
            choices = List.copyOf(choices);
        }

        public Object fromUnit(double u) {
            return choices.get(Math.min(choices.size() - 1, (int) Math.floor(clamp(u) * choices.size())));
        }

        public double toUnit(Object value) {
            return (index(value) + 0.5) / choices.size();
        }

        public int index(Object value) {
            for (int i = 0; i < choices.size(); i++) {
                if (same(choices.get(i), value)) {
                    return i;
                }
            }
            throw BadInputException.ofField(name, "is not one of " + choices + ": " + value);
        }

        private static boolean same(Object a, Object b) {
            if (a instanceof Number x && b instanceof Number y) {
                return x.doubleValue() == y.doubleValue();
            }
            return a.equals(b);
        }
    }

    private static double clamp(double u) {
        return Math.max(0, Math.min(1, u));
    }
}
