package com.forexdiffusion.trading.signal;

/** Which way a signal points. Stored in lower case ("bull") as in the prediction log. */
public enum Direction {
    BULL, BEAR, NEUTRAL;

    public int sign() {
        return switch (this) {
            case BULL -> 1;
            case BEAR -> -1;
            case NEUTRAL -> 0;
        };
    }

    public String dbName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
