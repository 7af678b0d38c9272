package com.forexdiffusion.data.resample;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxMarketHours;
import com.forexdiffusion.core.Timeframe;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * Builds bars of a larger timeframe: open = first, high = max, low = min, close = last, volume = sum, over
 * the source bars whose open time falls in the target bar. Empty buckets produce no bar (gaps stay gaps), and
 * a bucket at either end that the source only partly covers is kept: the data range decides, not the resampler.
 */
public final class Resampler {
    private Resampler() {
    }

    /** Where daily (and 4-hour) bars start. */
    public enum Alignment {
        /** Multiples of the timeframe in UTC: D1 opens at 00:00 UTC. */
        UTC,
        /** D1 opens at 17:00 New York (the FX rollover), H4 at 17:00, 21:00, 01:00 ... New York. */
        NEW_YORK_CLOSE;

        public static Alignment parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
                case "utc" -> UTC;
                case "ny-close", "new-york-close", "ny" -> NEW_YORK_CLOSE;
                default -> throw BadInputException.ofField("align", "unknown alignment '" + text
                        + "' (use utc or ny-close)");
            };
        }
    }

    public static BarSeries resample(BarSeries source, Timeframe target) {
        return resample(source, target, Alignment.UTC);
    }

    public static BarSeries resample(BarSeries source, Timeframe target, Alignment alignment) {
        Timeframe from = source.timeframe();
        if (!from.divides(target) || from == target) {
            throw BadInputException.ofField("timeframe", "cannot resample " + from + " to " + target + ": "
                    + target + " must be a larger whole multiple of " + from);
        }
        boolean nyClose = alignment == Alignment.NEW_YORK_CLOSE && (target == Timeframe.D1 || target == Timeframe.H4);
        int n = source.size();
        BarSeries.Builder b = BarSeries.builder(source.symbol(), target, n / Math.max(1, target.minutes() / from.minutes()) + 2);
        int i = 0;
        while (i < n) {
            long bucket = nyClose ? alignNewYork(source.ts(i), target) : target.alignDown(source.ts(i));
            long end = nyClose ? nextNewYork(bucket, target) : target.next(bucket);
            double open = source.open(i);
            double high = source.high(i);
            double low = source.low(i);
            double close = source.close(i);
            double volume = source.volume(i);
            i++;
            while (i < n && source.ts(i) < end) {
                high = Math.max(high, source.high(i));
                low = Math.min(low, source.low(i));
                close = source.close(i);
                volume += source.volume(i);
                i++;
            }
            b.add(bucket, open, high, low, close, volume);
        }
        return b.build();
    }

    /** The end of a New York aligned bar: a trading day may last 23 or 25 hours across a DST change. */
    static long nextNewYork(long bucket, Timeframe target) {
        ZonedDateTime start = Instant.ofEpochMilli(bucket).atZone(FxMarketHours.NEW_YORK);
        ZonedDateTime dayStart = start.toLocalDate().atTime(LocalTime.of(17, 0)).atZone(FxMarketHours.NEW_YORK);
        if (dayStart.isAfter(start)) {
            dayStart = dayStart.minusDays(1);
        }
        ZonedDateTime nextDay = dayStart.plusDays(1);
        if (target == Timeframe.D1) {
            return nextDay.toInstant().toEpochMilli();
        }
        ZonedDateTime next = start.plusHours(4);
        return (next.isAfter(nextDay) ? nextDay : next).toInstant().toEpochMilli();
    }

    /**
     * The bar open for New York close alignment: the latest 17:00 New York (or, for H4, the latest of
     * 17:00 + 4k hours in New York) at or before {@code ts}. Daylight saving moves it between 21:00 and 22:00 UTC.
     */
    static long alignNewYork(long ts, Timeframe target) {
        ZonedDateTime ny = Instant.ofEpochMilli(ts).atZone(FxMarketHours.NEW_YORK);
        ZonedDateTime start = ny.toLocalDate().atTime(LocalTime.of(17, 0)).atZone(FxMarketHours.NEW_YORK);
        if (start.isAfter(ny)) {
            start = start.minusDays(1);
        }
        if (target == Timeframe.D1) {
            return start.toInstant().toEpochMilli();
        }
        long hours = java.time.Duration.between(start, ny).toHours();
        return start.plusHours(hours / 4 * 4).toInstant().toEpochMilli();
    }
}
