package com.forexdiffusion.core;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The FX week: open from Sunday 17:00 New York to Friday 17:00 New York. The daily rollover (swap) also
 * happens at 17:00 New York. A missing bar while the market is open is a gap inside a session.
 */
public final class FxMarketHours {
    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalTime ROLLOVER = LocalTime.of(17, 0);

    private FxMarketHours() {
    }

    /** Whether the FX market trades at {@code epochMs}. */
    public static boolean isOpen(long epochMs) {
        ZonedDateTime ny = Instant.ofEpochMilli(epochMs).atZone(NEW_YORK);
        DayOfWeek d = ny.getDayOfWeek();
        LocalTime t = ny.toLocalTime();
        return switch (d) {
            case SATURDAY -> false;
            case SUNDAY -> !t.isBefore(ROLLOVER);
            case FRIDAY -> t.isBefore(ROLLOVER);
            default -> true;
        };
    }

    /** Whether the whole bar [open, open + tf) lies inside trading time (checked at both ends). */
    public static boolean barIsInSession(long barOpenMs, Timeframe tf) {
        return isOpen(barOpenMs) && isOpen(tf.next(barOpenMs) - 1);
    }

    /**
     * Bar slots of {@code tf} strictly between two consecutive bars that overlap trading time: the bars a
     * hole inside a session is missing. A weekend closure gives 0; a missing bar on a trading day gives 1.
     */
    public static long missingSessionBars(long prevTs, long ts, Timeframe tf) {
        long n = 0;
        for (long slot = tf.next(prevTs); slot < ts; slot = tf.next(slot)) {
            if (isOpen(slot) || isOpen(tf.next(slot) - 1)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Whether the hole between consecutive bars opening at {@code prevTs} and {@code nextTs} lies (partly) inside
     * trading time: the same answer as {@code missingSessionBars(...) > 0} for timeframes up to D1, in O(1):
     * either the first missing moment is open, or the market reopens (Sunday 17:00 New York) before nextTs.
     */
    public static boolean isSessionGap(long prevTs, long nextTs, Timeframe tf) {
        long firstMissing = tf.next(prevTs);
        if (nextTs <= firstMissing) {
            return false;
        }
        return isOpen(firstMissing) || nextOpen(firstMissing) < nextTs;
    }

    /** The next weekly opening (Sunday 17:00 New York) after a moment at which the market is closed. */
    static long nextOpen(long closedMs) {
        LocalDate d = Instant.ofEpochMilli(closedMs).atZone(NEW_YORK).toLocalDate();
        while (d.getDayOfWeek() != DayOfWeek.SUNDAY) {
            d = d.plusDays(1);
        }
        return rolloverAt(d);
    }

    /** Epoch ms of the 17:00 New York rollover on the New York calendar date {@code date}. */
    public static long rolloverAt(LocalDate date) {
        return date.atTime(ROLLOVER).atZone(NEW_YORK).toInstant().toEpochMilli();
    }

    /** The New York trading date a moment belongs to: after 17:00 it is already the next day's session. */
    public static LocalDate tradingDate(long epochMs) {
        ZonedDateTime ny = Instant.ofEpochMilli(epochMs).atZone(NEW_YORK);
        LocalDate d = ny.toLocalDate();
        return ny.toLocalTime().isBefore(ROLLOVER) ? d : d.plusDays(1);
    }
}
