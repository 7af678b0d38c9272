package com.forexdiffusion.app.demo;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxMarketHours;
import com.forexdiffusion.core.FxdException;

/**
 * Where each step of the demo reads: the model trains on the first part of the M5 bars, the evaluation and the
 * backtest use only the bars after its training data, and the live session starts where the stored bars end. The
 * baselines and the engine fit on {@code fitBars} before their first decision (bars the model may have seen: fitting
 * is not testing).
 *
 * @param trainTo      end of the model's training data, exclusive: the open of the first bar it never saw
 * @param evalFrom     first bar of the walk-forward evaluation (its first fold's fit ends at the first unseen bar)
 * @param backtestFrom first decision bar of the backtest
 * @param paperFrom    first bar of the paper session (a replay of stored bars up to the live ones)
 * @param liveFrom     open of the first live bar, the end of the stored bars
 * @param liveTo       end of the live session, exclusive
 */
record DemoLayout(long trainTo, long evalFrom, long backtestFrom, long paperFrom, long liveFrom, long liveTo,
                  int fitBars) {
    /** Share of the stored bars the model trains on. */
    static final double TRAIN_SHARE = 0.55;

    /**
     * @param m5        every stored M5 bar of the traded symbol (those before the live session)
     * @param paperBars stored bars the paper session replays before the live bars (the skill gate's warm-up)
     * @param liveBars  live bars of the session
     * @param backtestBars at most this many decision bars in the backtest (its last ones), 0 for all after training
     */
    static DemoLayout of(BarSeries m5, int fitBars, int paperBars, int liveBars, int backtestBars) {
        int n = m5.size();
        int train = (int) Math.round(n * TRAIN_SHARE);
        if (train - fitBars < 0 || n - train < 2 * fitBars || n < paperBars + 1) {
            throw new FxdException("the demo needs more days of bars: " + n + " M5 bars leave " + (n - train)
                    + " after the model's training data, fewer than twice the " + fitBars + " bars a fit needs");
        }
        long tf = m5.timeframe().millis();
        long liveFrom = m5.lastTs() + tf;
        int backtest = backtestBars > 0 ? Math.max(train + 1, n - backtestBars) : train + 1;
        return new DemoLayout(m5.ts(train), m5.ts(train - fitBars + 1), m5.ts(backtest), m5.ts(n - paperBars),
                liveFrom, liveFrom + liveBars * tf, fitBars);
    }

    /**
     * The end of the bars the database holds before the live session: 08:00 UTC of the last weekday of the span
     * (the London session, so the live bars move).
     */
    static long storedUntil(long start, int days) {
        long t = start + (days - 1) * 86_400_000L + 8 * 3_600_000L;
        while (!FxMarketHours.isOpen(t) || !FxMarketHours.isOpen(t + 12 * 3_600_000L)) {
            t -= 86_400_000L;
        }
        if (t <= start) {
            throw new FxdException("--days " + days + " holds no trading day to go live on");
        }
        return t;
    }
}
