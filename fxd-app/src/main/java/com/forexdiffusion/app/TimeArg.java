package com.forexdiffusion.app;

import com.forexdiffusion.core.BadInputException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Command-line times: a date (00:00 UTC), a local date-time (UTC) or an instant with offset. */
public final class TimeArg {
    private TimeArg() {
    }

    public static long parse(String option, String text) {
        String t = text.trim();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return java.time.OffsetDateTime.parse(t.replace(' ', 'T')).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw BadInputException.ofField(option, "'" + text
                    + "' is not a time (use 2019-01-31, 2019-01-31T14:30 or 2019-01-31T14:30:00Z; UTC)");
        }
    }

    public static String format(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }
}
