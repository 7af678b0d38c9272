package com.forexdiffusion.core;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Bar timeframes. A bar is labelled by its open time and covers [t, t + duration). Bars are aligned to
 * whole multiples of the timeframe in UTC; W1 aligns to Monday 00:00 UTC and MN1 to the first of the month.
 */
public enum Timeframe {
    M1(1), M2(2), M3(3), M4(4), M5(5), M10(10), M15(15), M30(30),
    H1(60), H4(240), H12(720), D1(1440), W1(10080), MN1(43200);

    private static final long MINUTE_MS = 60_000L;
    private final int minutes;

    Timeframe(int minutes) {
        this.minutes = minutes;
    }

    /** Nominal length in minutes (MN1 counts as 30 days; use {@link #alignDown} for its real boundaries). */
    public int minutes() {
        return minutes;
    }

    public long millis() {
        return minutes * MINUTE_MS;
    }

    public Duration duration() {
        return Duration.ofMinutes(minutes);
    }

    /** True for timeframes whose bars all have the same length (every one but MN1). */
    public boolean isFixedLength() {
        return this != MN1;
    }

    /** Parses "M5", "m5", "5m", "1h", "H1", "D", "1d"; unknown names are an error naming the value. */
    public static Timeframe parse(String text) {
        if (text == null || text.isBlank()) {
            throw BadInputException.ofField("timeframe", "empty timeframe");
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        switch (t) {
            case "D", "1D", "DAILY" -> { return D1; }
            case "W", "1W", "WEEKLY" -> { return W1; }
            case "MN", "1MN", "MONTHLY" -> { return MN1; }
            default -> { }
        }
        if (t.matches("\\d+[MHD]")) {
            t = t.charAt(t.length() - 1) + t.substring(0, t.length() - 1);
        }
        try {
            return valueOf(t);
        } catch (IllegalArgumentException e) {
            throw BadInputException.ofField("timeframe", "unknown timeframe '" + text
                    + "' (known: M1, M2, M3, M4, M5, M10, M15, M30, H1, H4, H12, D1, W1, MN1)");
        }
    }

    /** The open time of the bar containing {@code epochMs}. */
    public long alignDown(long epochMs) {
        return switch (this) {
            case MN1 -> {
                LocalDate d = Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
                yield d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            // 1970-01-01 was a Thursday; Monday 1970-01-05 is the reference for weekly bars.
            case W1 -> {
                long ref = 4 * 86_400_000L;
                yield Math.floorDiv(epochMs - ref, millis()) * millis() + ref;
            }
            default -> Math.floorDiv(epochMs, millis()) * millis();
        };
    }

    /** The open time of the bar after the one that opens at {@code barOpenMs}. */
    public long next(long barOpenMs) {
        if (this == MN1) {
            return Instant.ofEpochMilli(barOpenMs).atZone(ZoneOffset.UTC).plusMonths(1).toInstant().toEpochMilli();
        }
        return barOpenMs + millis();
    }

    /** Whether bars of {@code other} can be built from whole bars of this timeframe. */
    public boolean divides(Timeframe other) {
        if (other == MN1) {
            return minutes <= D1.minutes && D1.minutes % minutes == 0;
        }
        if (this == MN1) {
            return false;
        }
        return other.minutes % minutes == 0;
    }
}
