package com.forexdiffusion.ldm4ts.conditioning;

/** Turns a window description into a fixed number of token ids. */
public interface Tokenizer {
    /** Exactly {@link #length()} ids. */
    int[] encode(String text);

    int length();

    int vocabularySize();
}
