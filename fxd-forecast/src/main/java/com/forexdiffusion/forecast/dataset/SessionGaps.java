package com.forexdiffusion.forecast.dataset;

import com.forexdiffusion.core.FxMarketHours;
import com.forexdiffusion.core.Timeframe;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Holes inside a trading session. Between bars opening at {@code prev} and {@code next} the missing slots
 * cover [prev + tf, next); the hole is in-session when any slot touches trading time
 * ({@code isOpen(slotStart) || isOpen(slotEnd - 1)}). For timeframes up to D1 that is the same as "some
 * moment of [prev + tf, next) is open", which is decided in O(1): either the first missing moment is open,
 * or the market reopens (Sunday 17:00 New York) before {@code next}. A weekend closure is therefore no gap.
 */
final class SessionGaps {
    private SessionGaps() {
    }

    static boolean isInSessionGap(long prevTs, long nextTs, Timeframe tf) {
        long firstMissing = tf.next(prevTs);
        if (nextTs <= firstMissing) {
            return false;
        }
        return FxMarketHours.isOpen(firstMissing) || nextOpen(firstMissing) < nextTs;
    }

    /** The next opening (Sunday 17:00 New York) after a moment at which the market is closed. */
    static long nextOpen(long closedMs) {
        LocalDate d = Instant.ofEpochMilli(closedMs).atZone(FxMarketHours.NEW_YORK).toLocalDate();
        while (d.getDayOfWeek() != DayOfWeek.SUNDAY) {
            d = d.plusDays(1);
        }
        return FxMarketHours.rolloverAt(d);
    }
}
