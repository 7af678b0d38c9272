package com.forexdiffusion.data.validation;

import com.forexdiffusion.core.BadInputException;

import java.util.Locale;

/** What to do with two rows for the same bar whose values differ. */
public enum ConflictPolicy {
    /** Reject the later row (the file in strict mode). */
    ERROR,
    /** Keep the later row's values. */
    KEEP_LAST;

    /** Parses the CLI spelling: {@code error} or {@code keep-last}. */
    public static ConflictPolicy parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (t) {
            case "error" -> ERROR;
            case "keep-last" -> KEEP_LAST;
            default -> throw BadInputException.ofField("on-conflict", "unknown conflict policy '" + text
                    + "' (known: error, keep-last)");
        };
    }
}
