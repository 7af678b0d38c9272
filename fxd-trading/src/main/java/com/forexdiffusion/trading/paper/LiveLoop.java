package com.forexdiffusion.trading.paper;

import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.CandleStore;
import com.forexdiffusion.data.feed.BarArrivals;
import com.forexdiffusion.trading.engine.SignalTuning;
import com.forexdiffusion.trading.engine.StrategyConfig;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A paper session on a live feed: the feed stores each closed bar, the loop wakes, trades every bar not yet done
 * (forecasts on the session's worker, decisions here) and sleeps again, until the bar before {@code to} is done.
 */
public final class LiveLoop {
    private LiveLoop() {
    }

    /** The settings a batch of new bars is traded under (the dashboard's saved ones can change between batches). */
    public record Tuning(UnaryOperator<StrategyConfig> strategy, SignalTuning signals) {
        public static Tuning unchanged() {
            return new Tuning(s -> s, SignalTuning.defaults());
        }
    }

    /**
     * Waits until the feed has stored a bar at or after {@code from} for every symbol (a new live session starts
     * there; the bars since the last stored one are fetched back at the first price).
     */
    public static void awaitBarsFrom(CandleStore candles, BarArrivals arrivals, List<String> symbols, Timeframe tf,
                                     long from, long timeoutMs) throws InterruptedException {
        long seen = 0;
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!symbols.stream().allMatch(s -> candles.info(s, tf).map(i -> i.lastTs() >= from).orElse(false))) {
            if (System.nanoTime() > deadline) {
                throw new FxdException("the live feed delivered no " + tf + " bar at or after "
                        + Instant.ofEpochMilli(from) + " for " + symbols + " within " + timeoutMs / 1000 + " s");
            }
            seen = arrivals.awaitMore(seen, 1000);
        }
    }

    /**
     * @param toMs     the session stops once the bar that ends at or after this time is done
     * @param waitMs   longest sleep between checks for new bars
     * @return the bars done
     */
    public static long run(PaperTrader trader, BarArrivals arrivals, long toMs, long waitMs, Supplier<Tuning> tuning,
                           ProgressListener progress) throws InterruptedException {
        trader.forecastOnWorker();
        long processed = 0;
        long seen = 0;
        while (true) {
            long base = processed;
            Tuning t = tuning.get();
            processed += trader.catchUp(t.strategy(), t.signals(), (done, total) -> progress.update(base + done,
                    base + total));
            Long done = trader.lastBarDone();
            if (done != null && trader.session().timeframe().next(done) >= toMs) {
                return processed;
            }
            seen = arrivals.awaitMore(seen, waitMs);
            trader.refresh();
        }
    }
}
