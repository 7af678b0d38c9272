package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.Forecaster;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;

/**
 * Forecasts computed on a worker, decisions taken on the engine's loop (live mode, DESIGN "Engine"). The loop asks
 * for the forecasts of a time step's bars as soon as they close ({@link #prefetch}); the worker computes them while
 * the loop settles the step's fills and the decisions of other symbols, and {@link #forecast} hands each back when
 * the engine reaches it. A forecast is a function of its request alone (window, horizons, samples, seed), so where it
 * was computed changes nothing: a live session decides exactly as a replay does. Without prefetches it forecasts on
 * the caller's thread. Not for use by several loops at once.
 */
public final class WorkerForecaster implements Forecaster {
    private final Forecaster inner;
    private volatile Executor worker;
    private final ConcurrentSkipListMap<Key, CompletableFuture<Forecast>> pending = new ConcurrentSkipListMap<>();
    private volatile String workerThread;

    /** Forecasts on the caller's thread until {@link #useWorker} names a worker. */
    public WorkerForecaster(Forecaster inner) {
        this.inner = inner;
    }

    /**
     * From now on every forecast runs on {@code worker}, which must run one task at a time (a model shared by the
     * forecasters of several symbols is then never called from two threads at once); null: on the caller's thread.
     */
    public void useWorker(Executor worker) {
        this.worker = worker;
    }

    /** A request's identity: the time of its last bar, then what else makes two requests of that bar differ. */
    private record Key(long lastTs, long seed, int samples, int bars) implements Comparable<Key> {
        static Key of(ForecastRequest r) {
            return new Key(r.window().ts(r.window().size() - 1), r.seed(), r.samples(), r.window().size());
        }

        @Override
        public int compareTo(Key o) {
            int c = Long.compare(lastTs, o.lastTs);
            c = c != 0 ? c : Long.compare(seed, o.seed);
            c = c != 0 ? c : Integer.compare(samples, o.samples);
            return c != 0 ? c : Integer.compare(bars, o.bars);
        }
    }

    /** Starts the request's forecast on the worker; a second prefetch of the same request is a no-op. */
    public void prefetch(ForecastRequest request) {
        if (worker == null) {
            throw new IllegalStateException("prefetch needs a worker (useWorker)");
        }
        pending.computeIfAbsent(Key.of(request), k -> onWorker(request));
    }

    private CompletableFuture<Forecast> onWorker(ForecastRequest request) {
        return CompletableFuture.supplyAsync(() -> {
            workerThread = Thread.currentThread().getName();
            return inner.forecast(request);
        }, worker);
    }

    /** The prefetched forecast of this request (waiting for the worker), or one computed here when none was asked. */
    @Override
    public Forecast forecast(ForecastRequest request) {
        Key key = Key.of(request);
        CompletableFuture<Forecast> f = pending.remove(key);
        // Forecasts prefetched for bars the engine then had no use for (the risk manager let it open nothing) are
        // dropped once the loop is past them.
        discardBefore(key.lastTs());
        if (f == null) {
            if (worker == null) {
                return inner.forecast(request);
            }
            f = onWorker(request);
        }
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new FxdException("forecast on the worker failed: " + e.getCause(), e.getCause());
        }
    }

    /** Drops the forecasts asked for bars before {@code ts} that were never taken. */
    public void discardBefore(long ts) {
        Iterator<Map.Entry<Key, CompletableFuture<Forecast>>> it = pending.headMap(new Key(ts, Long.MIN_VALUE,
                Integer.MIN_VALUE, Integer.MIN_VALUE)).entrySet().iterator();
        while (it.hasNext()) {
            it.next().getValue().cancel(false);
            it.remove();
        }
    }

    /** Forecasts asked for and not yet taken or discarded. */
    public int pending() {
        return pending.size();
    }

    /** The thread the last prefetched forecast ran on, or null when none ran. */
    public String workerThread() {
        return workerThread;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public String version() {
        return inner.version();
    }

    @Override
    public int lookback() {
        return inner.lookback();
    }
}
