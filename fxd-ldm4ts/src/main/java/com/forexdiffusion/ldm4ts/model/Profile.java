package com.forexdiffusion.ldm4ts.model;

import java.util.Locale;

/** The two named sizes of SPEC §4; the same code runs both. */
public enum Profile {
    COMPACT, PAPER;

    public static Profile parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown profile '" + s + "' (compact, paper)");
        }
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
