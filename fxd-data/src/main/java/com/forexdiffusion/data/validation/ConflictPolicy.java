package com.forexdiffusion.data.validation;

import com.forexdiffusion.core.BadInputException;

import java.util.Locale;

/**
 * What to do with two rows for the same bar whose values differ: a conflicting duplicate inside the imported files,
 * or an imported row that would change a bar already stored.
 */
public enum ConflictPolicy {
    /** Refuse the later row ({@code fail}, also spelt {@code error}; the default): in strict mode nothing is stored. */
    ERROR,
    /** Keep the later row's values ({@code replace}, also {@code keep-last}); stored bars replaced are counted. */
    KEEP_LAST,
    /** Keep the earlier row: the first in the file, or the stored bar ({@code skip}); the later row is counted. */
    SKIP;

    /** Parses the CLI spelling: {@code fail}, {@code replace} or {@code skip} (and the older error, keep-last). */
    public static ConflictPolicy parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (t) {
            case "fail", "error" -> ERROR;
            case "replace", "keep-last" -> KEEP_LAST;
            case "skip", "keep-first" -> SKIP;
            default -> throw BadInputException.ofField("on-conflict", "unknown conflict policy '" + text
                    + "' (known: fail, replace, skip)");
        };
    }
}
