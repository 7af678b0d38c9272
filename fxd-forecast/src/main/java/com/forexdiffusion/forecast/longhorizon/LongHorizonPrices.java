package com.forexdiffusion.forecast.longhorizon;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.forecast.dataset.SplitFractions;

/**
 * Presents a long-horizon benchmark channel (z-scored values, which go negative) to a price model as a positive
 * price series, exactly: price = exp(SCALE · value). Its log returns are SCALE times the value changes, so a model
 * that forecasts the log return over h steps forecasts the level change value[t + h] − value[t], and the level is
 * recovered without loss by {@link #level}. This is how LDM4TS, built for prices, is trained and scored in the ETT
 * protocol with its own code (a level-change target, like NLinear's last-value normalisation).
 *
 * <p>SCALE is small so that the prices stay within a few percent of 1: min-max-normalised views (the vision images)
 * of the price and of the value then differ by less than SCALE · range / 2 of the range.
 */
public final class LongHorizonPrices {
    public static final double SCALE = 0.01;
    private static final long WEEK_MS = 7L * 24 * 3_600_000L;
    /** A Monday, so that the first rows fall inside an FX session like the model's usual data. */
    private static final long ORIGIN_MS = 946_857_600_000L;

    private LongHorizonPrices() {
    }

    public static double price(double value) {
        return Math.exp(SCALE * value);
    }

    public static double level(double price) {
        return Math.log(price) / SCALE;
    }

    /** The series step of a benchmark file by its name: ETTh hourly, ETTm 15 minutes, Weather 10, Exchange daily. */
    public static Timeframe timeframe(String fileName) {
        Timeframe step = LongHorizonData.Kind.of(fileName).step();
        if (step == null) {
            throw BadInputException.ofSource(fileName, "unknown long-horizon data set (ETTh*, ETTm*, exchange*, weather*)");
        }
        return step;
    }

    /** Rows [from, to) of one channel as bars (open = high = low = close, no volume), block 0 of the time axis. */
    public static BarSeries window(LongHorizonData data, Timeframe tf, int channel, int from, int to) {
        BarSeries.Builder b = BarSeries.builder(data.name(), tf, to - from);
        append(b, data, tf, channel, from, to, ORIGIN_MS);
        return b.build();
    }

    /**
     * The training series: every channel's training rows, then every channel's validation rows (from
     * {@code lookback} rows before the validation split, as the protocol's windows do), each block on its own stretch
     * of the time axis. No test row is included. The split fractions put exactly the windows of the training blocks
     * in TRAIN and those of the validation blocks in VALIDATION. A window dataset also needs a TEST split, which
     * training never reads: it gets the one window of a last block, a copy of the last lookback + horizon validation
     * rows of the last channel.
     */
    public record Training(BarSeries series, SplitFractions fractions) {
    }

    public static Training training(LongHorizonData data, Timeframe tf, int lookback, int horizonBars) {
        int c = data.channels();
        int trainRows = data.ends()[0] - data.starts()[0];
        int valRows = data.ends()[1] - data.starts()[1];
        if (trainRows < lookback + horizonBars || valRows < lookback + horizonBars + 1) {
            throw BadInputException.ofSource(data.name(), "lookback " + lookback + " and horizon " + horizonBars
                    + " need more rows than the splits have (" + trainRows + " train, " + valRows + " validation)");
        }
        // Blocks start whole weeks apart (the same weekday and hour) with at least four weeks of empty time axis
        // between them: a session gap, so no window spans two blocks.
        long spacing = (Math.max(trainRows, valRows) * tf.millis() / WEEK_MS + 5) * WEEK_MS;
        BarSeries.Builder b = BarSeries.builder(data.name(), tf, c * (trainRows + valRows) + lookback + horizonBars);
        int block = 0;
        for (int ch = 0; ch < c; ch++) {
            append(b, data, tf, ch, data.starts()[0], data.ends()[0], ORIGIN_MS + spacing * block++);
        }
        for (int ch = 0; ch < c; ch++) {
            append(b, data, tf, ch, data.starts()[1], data.ends()[1], ORIGIN_MS + spacing * block++);
        }
        append(b, data, tf, c - 1, data.ends()[1] - lookback - horizonBars, data.ends()[1], ORIGIN_MS + spacing * block);
        BarSeries s = b.build();
        // WindowDataset's end indices run from lookback − 1 to n − 1 − H; the last one in the training blocks is
        // c · trainRows − 1 − H, and the purge of H + L − 1 indices after it lands on the first validation window.
        // Likewise the purge after the last validation window lands on the test block's only window.
        int usable = s.size() - lookback - horizonBars + 1 - 2 * (horizonBars + lookback - 1);
        int train = c * trainRows - horizonBars - lookback + 1;
        int test = 1;
        return new Training(s, new SplitFractions((double) train / usable, (double) (usable - train - test) / usable,
                (double) test / usable));
    }

    private static void append(BarSeries.Builder b, LongHorizonData data, Timeframe tf, int channel, int from, int to,
                               long origin) {
        double[][] v = data.values();
        long step = tf.millis();
        for (int r = from; r < to; r++) {
            double p = price(v[r][channel]);
            b.add(origin + (r - from) * step, p, p, p, p, 0);
        }
    }
}
