package com.forexdiffusion.app;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --samples N}: a predictive distribution needs at least two Monte Carlo samples (one has no spread, its σ and
 * quantiles are meaningless), so anything below 2 is a usage error (exit 2) naming the value.
 */
public class SamplesConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number");
        }
        if (n < 2 && !(n == 0 && zeroAllowed())) {
            throw new TypeConversionException("must be at least 2 (a distribution needs two samples), got " + n
                    + (zeroAllowed() ? "; 0 skips the sampling" : ""));
        }
        return n;
    }

    boolean zeroAllowed() {
        return false;
    }

    /** For {@code fxd bench model}, where 0 means: measure without sampling. */
    public static final class OrZero extends SamplesConverter {
        @Override
        boolean zeroAllowed() {
            return true;
        }
    }
}
