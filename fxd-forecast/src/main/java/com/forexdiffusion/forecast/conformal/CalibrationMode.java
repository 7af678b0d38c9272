package com.forexdiffusion.forecast.conformal;

import com.forexdiffusion.core.BadInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the trading path calibrates a forecaster's intervals (SPEC §7): adaptive conformal inference (the default),
 * split conformal (one margin from the first resolved outcomes, then fixed), or none (the raw quantiles).
 */
public enum CalibrationMode {
    ACI, SPLIT, NONE;

    /** The name used on the command line and in recorded configurations. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a label in any case; anything else is an error naming {@code field} and the accepted values. */
    public static CalibrationMode parse(String field, String value) {
        for (CalibrationMode m : values()) {
            if (m.label().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return m;
            }
        }
        throw BadInputException.ofField(field, "'" + value + "' is not one of " + labels());
    }

    public static String labels() {
        return Arrays.stream(values()).map(CalibrationMode::label).collect(Collectors.joining(", "));
    }
}
