package com.forexdiffusion.ldm4ts.conditioning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The compact profile's tokenizer: the description's fixed words are one token each, everything else (symbols,
 * timeframes, numbers) is spelled character by character, so no symbol or value is ever out of vocabulary.
 * Sequences start with [CLS] and are padded with [PAD] or cut to a fixed length.
 */
public final class TextTokenizer implements Tokenizer {
    public static final int PAD = 0;
    public static final int CLS = 1;
    public static final int UNK = 2;
    private static final List<String> WORDS = List.of("trend", "up", "down", "flat", "volatility", "high", "low",
            "min", "max", "median", "lags", "%");
    private static final String CHARS = "abcdefghijklmnopqrstuvwxyz0123456789.+-_/";
    private final Map<String, Integer> words = new LinkedHashMap<>();
    private final int charBase;
    private final int length;

    public TextTokenizer(int length) {
        if (length < 2) {
            throw new IllegalArgumentException("token length must be at least 2, got " + length);
        }
        this.length = length;
        int id = 3;
        for (String w : WORDS) {
            words.put(w, id++);
        }
        this.charBase = id;
    }

    @Override
    public int vocabularySize() {
        return charBase + CHARS.length();
    }

    @Override
    public int length() {
        return length;
    }

    /** Token ids, exactly {@link #length()} of them. */
    @Override
    public int[] encode(String text) {
        List<Integer> ids = new ArrayList<>(length);
        ids.add(CLS);
        for (String w : text.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
            Integer known = words.get(w);
            if (known != null) {
                ids.add(known);
            } else {
                for (int i = 0; i < w.length(); i++) {
                    int c = CHARS.indexOf(w.charAt(i));
                    ids.add(c < 0 ? UNK : charBase + c);
                }
            }
        }
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = i < ids.size() ? ids.get(i) : PAD;
        }
        return out;
    }
}
