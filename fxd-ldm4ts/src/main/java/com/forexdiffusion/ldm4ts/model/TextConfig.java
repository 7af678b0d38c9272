package com.forexdiffusion.ldm4ts.model;

/**
 * The text conditioning: token length, the compact encoder's width, layers and heads.
 */
public record TextConfig(int tokens, int width, int layers, int heads) {
    /** Long enough for the whole compact window description (57 tokens for EURUSD M5; 48 cut its tail). */
    public static final int COMPACT_TOKENS = 64;

    public TextConfig {
        if (tokens < 2 || width <= 0 || layers < 0 || heads <= 0 || width % heads != 0) {
            throw new IllegalArgumentException("text config needs tokens >= 2 and width divisible by heads, got "
                    + tokens + " tokens, width " + width + ", heads " + heads);
        }
    }
}
