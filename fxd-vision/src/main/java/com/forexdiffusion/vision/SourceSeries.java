package com.forexdiffusion.vision;

import com.forexdiffusion.core.BadInputException;

import java.util.Locale;

/** The one-dimensional series the three views are drawn from, after min-max normalisation over the window. */
public enum SourceSeries {
    /** The close (default). */
    CLOSE,
    /** (high + low + close) / 3. */
    TYPICAL,
    /** The average of the five min-max normalised features open, high, low, close, volume (the prototype's). */
    MEAN_OHLCV;

    public static SourceSeries parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (t) {
            case "close" -> CLOSE;
            case "typical" -> TYPICAL;
            case "mean-ohlcv" -> MEAN_OHLCV;
            default -> throw BadInputException.ofField("source", "unknown source series '" + text
                    + "' (use close, typical or mean-ohlcv)");
        };
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
