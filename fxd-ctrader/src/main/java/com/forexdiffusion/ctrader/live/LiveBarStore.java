package com.forexdiffusion.ctrader.live;

import com.forexdiffusion.core.Bar;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.CandleStore;
import com.forexdiffusion.data.store.CandleWriter;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps every closed live bar in the candle store, one transaction per bar, and wakes whoever waits for new bars
 * (the paper session's loop). The source's thread only stores and signals: forecasting and decisions happen on the
 * waiting thread, so a slow forecast never holds up the feed.
 */
public final class LiveBarStore implements LiveBarSource.Listener {
    public static final String SOURCE = "ctrader live";
    private final CandleStore candles;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private long stored;

    public LiveBarStore(CandleStore candles) {
        this.candles = candles;
    }

    @Override
    public void bar(String symbol, Timeframe timeframe, Bar bar) {
        try (CandleWriter w = candles.writer()) {
            w.add(symbol, timeframe, bar.ts(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(), SOURCE);
            w.commit();
        }
        lock.lock();
        try {
            stored++;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Bars stored so far. */
    public long stored() {
        lock.lock();
        try {
            return stored;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until more than {@code seen} bars are stored or the timeout passes; returns the count stored.
     */
    public long awaitMore(long seen, long timeoutMs) throws InterruptedException {
        lock.lock();
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            while (stored <= seen && left > 0) {
                left = arrived.awaitNanos(left);
            }
            return stored;
        } finally {
            lock.unlock();
        }
    }
}
