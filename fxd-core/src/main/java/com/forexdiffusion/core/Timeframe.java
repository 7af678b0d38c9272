package com.forexdiffusion.core;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * Bar timeframes. A bar is labelled by its open time and covers [t, t + duration). Bars are aligned to
 * whole multiples of the timeframe in UTC; W1 aligns to Monday 00:00 UTC and MN1 to the first of the month.
 * {@link #D1_NY} and {@link #H4_NY} are the New York close alignment of D1 and H4 (the trading day starts at the
 * 17:00 New York rollover, 21:00 or 22:00 UTC with daylight saving): separate timeframes, so that they are stored
 * and read under keys of their own and never mix with the UTC bars.
 */
public enum Timeframe {
    M1(1), M2(2), M3(3), M4(4), M5(5), M10(10), M15(15), M30(30),
    H1(60), H4(240), H12(720), D1(1440), W1(10080), MN1(43200),
    /** D1 opening at 17:00 New York; a trading day lasts 23 or 25 hours across a daylight saving change. */
    D1_NY(1440),
    /** H4 opening at 17:00, 21:00, 01:00 ... New York; the last bar of a daylight saving day is 3 or 5 hours. */
    H4_NY(240);

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

    /** True for timeframes whose bars all have the same length (all but MN1 and the New York aligned ones). */
    public boolean isFixedLength() {
        return this != MN1 && !isNewYorkAligned();
    }

    /** Whether bars open at the 17:00 New York rollover (and every 4 hours after it, for H4_NY). */
    public boolean isNewYorkAligned() {
        return this == D1_NY || this == H4_NY;
    }

    /** The New York close form of D1 and H4 (D1_NY, H4_NY); every other timeframe is itself. */
    public Timeframe newYorkClose() {
        return switch (this) {
            case D1 -> D1_NY;
            case H4 -> H4_NY;
            default -> this;
        };
    }

    /**
     * Parses "M5", "m5", "5m", "1h", "H1", "D", "1d", and "D1_NY" (also "D1-NY", "D1NY"); unknown names are an error
     * naming the value.
     */
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
        t = t.replace('-', '_');
        if (t.endsWith("NY") && !t.endsWith("_NY")) {
            t = t.substring(0, t.length() - 2) + "_NY";
        }
        if (t.matches("\\d+[MHD]")) {
            t = t.charAt(t.length() - 1) + t.substring(0, t.length() - 1);
        }
        try {
            return valueOf(t);
        } catch (IllegalArgumentException e) {
            throw BadInputException.ofField("timeframe", "unknown timeframe '" + text
                    + "' (known: M1, M2, M3, M4, M5, M10, M15, M30, H1, H4, H12, D1, W1, MN1, and D1_NY, H4_NY "
                    + "aligned to the New York close)");
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
            case D1_NY, H4_NY -> alignNewYork(epochMs);
            default -> Math.floorDiv(epochMs, millis()) * millis();
        };
    }

    /** The latest 17:00 New York (for H4_NY: 17:00 + 4k hours of that trading day) at or before {@code ts}. */
    private long alignNewYork(long ts) {
        ZonedDateTime ny = Instant.ofEpochMilli(ts).atZone(FxMarketHours.NEW_YORK);
        ZonedDateTime start = tradingDayStart(ny);
        if (this == D1_NY) {
            return start.toInstant().toEpochMilli();
        }
        long hours = Duration.between(start, ny).toHours();
        return start.plusHours(hours / 4 * 4).toInstant().toEpochMilli();
    }

    private static ZonedDateTime tradingDayStart(ZonedDateTime ny) {
        ZonedDateTime start = ny.toLocalDate().atTime(LocalTime.of(17, 0)).atZone(FxMarketHours.NEW_YORK);
        return start.isAfter(ny) ? start.minusDays(1) : start;
    }

    /** The next New York aligned open: the next rollover, or for H4_NY four hours on unless the day ends first. */
    private long nextNewYork(long barOpenMs) {
        ZonedDateTime start = Instant.ofEpochMilli(barOpenMs).atZone(FxMarketHours.NEW_YORK);
        ZonedDateTime nextDay = tradingDayStart(start).plusDays(1);
        if (this == D1_NY) {
            return nextDay.toInstant().toEpochMilli();
        }
        ZonedDateTime next = start.plusHours(4);
        return (next.isAfter(nextDay) ? nextDay : next).toInstant().toEpochMilli();
    }

    /** The open time of the bar after the one that opens at {@code barOpenMs}. */
    public long next(long barOpenMs) {
        if (this == MN1) {
            return Instant.ofEpochMilli(barOpenMs).atZone(ZoneOffset.UTC).plusMonths(1).toInstant().toEpochMilli();
        }
        if (isNewYorkAligned()) {
            return nextNewYork(barOpenMs);
        }
        return barOpenMs + millis();
    }

    /** Whether bars of {@code other} can be built from whole bars of this timeframe. */
    public boolean divides(Timeframe other) {
        if (isNewYorkAligned()) {
            return this == H4_NY && other == D1_NY;
        }
        if (other.isNewYorkAligned()) {
            // 17:00 New York is a whole UTC hour in both offsets; UTC H4 and larger bars do not line up with it.
            return minutes <= 60 && 60 % minutes == 0;
        }
        if (other == MN1) {
            return minutes <= D1.minutes && D1.minutes % minutes == 0;
        }
        if (this == MN1) {
            return false;
        }
        return other.minutes % minutes == 0;
    }
}
