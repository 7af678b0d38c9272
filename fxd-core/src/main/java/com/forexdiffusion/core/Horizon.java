package com.forexdiffusion.core;

import java.util.ArrayList;
import java.util.List;

/** A forecast horizon in minutes. Converting it to bars requires it to be a whole number of bars. */
public record Horizon(int minutes) implements Comparable<Horizon>, java.io.Serializable {
    /** The default horizons of every command (SPEC §1), as an option default. */
    public static final String DEFAULT_LIST = "15,60,240";

    public Horizon {
        if (minutes <= 0) {
            throw BadInputException.ofField("horizon", "horizon must be a positive number of minutes, got " + minutes);
        }
    }

    public static Horizon ofMinutes(int minutes) {
        return new Horizon(minutes);
    }

    /**
     * The number of bars of {@code tf} in this horizon; an error when it is not a whole number. D1_NY and H4_NY count
     * by their nominal length (a daylight saving day is one bar, 23 or 25 hours); MN1 has none.
     */
    public int bars(Timeframe tf) {
        if (tf == Timeframe.MN1 || minutes % tf.minutes() != 0) {
            throw BadInputException.ofField("horizon", "horizon " + minutes + " min is not a whole number of "
                    + tf + " bars (" + tf.minutes() + " min each)");
        }
        return minutes / tf.minutes();
    }

    /** Parses a comma-separated list of minutes such as "15,60,240". */
    public static List<Horizon> parseList(String text) {
        List<Horizon> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            try {
                out.add(new Horizon(Integer.parseInt(p)));
            } catch (NumberFormatException e) {
                throw BadInputException.ofField("horizons", "'" + p + "' is not a whole number of minutes");
            }
        }
        if (out.isEmpty()) {
            throw BadInputException.ofField("horizons", "no horizon given");
        }
        return List.copyOf(out);
    }

    @Override
    public int compareTo(Horizon o) {
        return Integer.compare(minutes, o.minutes);
    }

    @Override
    public String toString() {
        return minutes + "m";
    }
}
