package com.forexdiffusion.ldm4ts.model;

/**
 * The text conditioning: token length, the compact encoder's width, layers and heads.
 */
public record TextConfig(int tokens, int width, int layers, int heads) {
    public TextConfig {
        if (tokens < 2 || width <= 0 || layers < 0 || heads <= 0 || width % heads != 0) {
            throw new IllegalArgumentException("text config needs tokens >= 2 and width divisible by heads, got "
                    + tokens + " tokens, width " + width + ", heads " + heads);
        }
    }
}
