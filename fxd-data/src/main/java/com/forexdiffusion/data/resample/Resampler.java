package com.forexdiffusion.data.resample;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxMarketHours;
import com.forexdiffusion.core.Timeframe;

import java.util.Locale;

/**
 * Builds bars of a larger timeframe: open = first, high = max, low = min, close = last, volume = sum, over
 * the source bars whose open time falls in the target bar. Empty buckets produce no bar (gaps stay gaps); a bucket
 * the source only partly covers (a hole inside it, or either end of the range) is kept and its missing trading
 * minutes are counted ({@link #resampleCounted}), so that the store can flag it as partial.
 */
public final class Resampler {
    private static final long MAX_ONE_SESSION_MS = 25 * 3_600_000L;

    private Resampler() {
    }

    /** Where daily (and 4-hour) bars start. */
    public enum Alignment {
        /** Multiples of the timeframe in UTC: D1 opens at 00:00 UTC. */
        UTC,
        /**
         * D1 opens at 17:00 New York (the FX rollover), H4 at 17:00, 21:00, 01:00 ... New York: the bars are
         * {@link Timeframe#D1_NY} and {@link Timeframe#H4_NY}, never mixed with the UTC D1 and H4.
         */
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

    /**
     * Resampled bars with, per bar, the trading-time minutes of its span that no source bar covered: 0 for a complete
     * bar, more for one built from part of its minutes (a hole in the source, or the ends of the stored range).
     */
    public record Resampled(BarSeries bars, int[] missingMinutes) {
        /** Bars built from part of their minutes. */
        public int partial() {
            int n = 0;
            for (int m : missingMinutes) {
                n += m > 0 ? 1 : 0;
            }
            return n;
        }
    }

    public static BarSeries resample(BarSeries source, Timeframe target) {
        return resample(source, target, Alignment.UTC);
    }

    /**
     * Resamples to {@code target}; with {@link Alignment#NEW_YORK_CLOSE} a D1 or H4 target becomes D1_NY or H4_NY
     * (their own timeframes, stored under their own keys).
     */
    public static BarSeries resample(BarSeries source, Timeframe target, Alignment alignment) {
        return resampleCounted(source, target, alignment).bars();
    }

    public static Resampled resampleCounted(BarSeries source, Timeframe target, Alignment alignment) {
        Timeframe from = source.timeframe();
        Timeframe to = alignment == Alignment.NEW_YORK_CLOSE ? target.newYorkClose() : target;
        if (!from.divides(to) || from == to) {
            throw BadInputException.ofField("timeframe", "cannot resample " + from + " to " + to + ": "
                    + to + " must be a larger whole multiple of " + from + " on the same alignment");
        }
        int n = source.size();
        int cap = n / Math.max(1, to.minutes() / from.minutes()) + 2;
        BarSeries.Builder b = BarSeries.builder(source.symbol(), to, cap);
        int[] missing = new int[cap];
        int bars = 0;
        int i = 0;
        while (i < n) {
            long bucket = to.alignDown(source.ts(i));
            long end = to.next(bucket);
            int first = i;
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
            if (bars == missing.length) {
                missing = java.util.Arrays.copyOf(missing, bars * 2);
            }
            missing[bars++] = (int) (missingSlots(source, first, i, bucket, end) * from.minutes());
        }
        return new Resampled(b.build(), java.util.Arrays.copyOf(missing, bars));
    }

    /**
     * Source slots of [bucket, end) inside trading time that none of the source bars [first, last) fills. A bucket of
     * at most a (25-hour) day that is open at both ends lies inside one session (the weekly closure lasts two days),
     * so all its slots count; any other is counted slot by slot.
     */
    static long missingSlots(BarSeries source, int first, int last, long bucket, long end) {
        Timeframe from = source.timeframe();
        int present = last - first;
        if (end - bucket <= MAX_ONE_SESSION_MS && FxMarketHours.isOpen(bucket) && FxMarketHours.isOpen(end - 1)) {
            return Math.max(0, (end - bucket) / from.millis() - present);
        }
        long missing = 0;
        int k = first;
        for (long slot = bucket; slot < end; slot = from.next(slot)) {
            while (k < last && source.ts(k) < slot) {
                k++;
            }
            boolean filled = k < last && source.ts(k) == slot;
            if (!filled && (FxMarketHours.isOpen(slot) || FxMarketHours.isOpen(from.next(slot) - 1))) {
                missing++;
            }
        }
        return missing;
    }
}
