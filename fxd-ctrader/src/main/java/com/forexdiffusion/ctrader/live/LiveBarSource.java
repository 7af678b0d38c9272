package com.forexdiffusion.ctrader.live;

import com.forexdiffusion.core.Bar;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.ctrader.client.CTraderClient;
import com.forexdiffusion.ctrader.client.CTraderHistory;
import com.forexdiffusion.ctrader.client.SymbolCache;
import com.forexdiffusion.data.history.HistoryRequest;
import com.google.protobuf.Message;
import com.xtrader.protocol.openapi.v2.ProtoOASpotEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closed bars of one symbol from the live feed: spot events tell the server's time; whenever it has passed the end of
 * one or more bars not yet delivered, those bars are fetched by trendbar request and handed to the listener in time
 * order, each once. So a connection that drops and comes back delivers, at the first spot after the reconnect, every
 * bar missed while it was down: the delivered sequence is the one without the drop. Bars are the server's final
 * values (the same as a history fetch), never the forming bar of the spot events. Events are handled on a worker
 * thread of this source, since a trendbar request cannot wait on the connection's reader thread.
 */
public final class LiveBarSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveBarSource.class);

    /** Receives closed bars and quotes; called on the source's worker thread, one call at a time. */
    public interface Listener {
        void bar(String symbol, Timeframe timeframe, Bar bar);

        /** A spot quote (prices in quote currency), for spreads and the paper broker's fills. */
        default void quote(String symbol, long timeMs, double bid, double ask) {
        }
    }

    private final CTraderClient client;
    private final String symbol;
    private final Timeframe timeframe;
    private final Listener listener;
    private final AtomicLong serverNow = new AtomicLong(Long.MIN_VALUE);
    private final CTraderHistory history;
    private final Object signal = new Object();
    /** The latest quote not yet handed on: time, bid, ask (1/100000); older ones are superseded. */
    private final AtomicReference<long[]> quotes = new AtomicReference<>();
    private volatile boolean closed;
    private long symbolId;
    private long lastDelivered;
    private long delivered;
    private Thread worker;

    private LiveBarSource(Builder b) {
        this.client = Objects.requireNonNull(b.client, "client");
        this.symbol = Objects.requireNonNull(b.symbol, "symbol");
        this.timeframe = Objects.requireNonNull(b.timeframe, "timeframe");
        this.listener = Objects.requireNonNull(b.listener, "listener");
        this.lastDelivered = b.after;
        this.history = CTraderHistory.builder().client(client).symbolCache(b.cache)
                .clock(() -> Instant.ofEpochMilli(serverNow.get())).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Subscribes to spots and live bars and starts delivering. */
    public LiveBarSource start() {
        symbolId = history.symbolId(symbol);
        client.onEvent(this::onEvent);
        client.onReconnect(() -> LOG.info("cTrader live {}: reconnected; bars missed while down follow the next spot",
                symbol));
        worker = new Thread(this::work, "ctrader-live " + symbol + " " + timeframe);
        worker.setDaemon(true);
        worker.start();
        client.subscribeSpots(symbolId);
        client.subscribeLiveBars(symbolId);
        return this;
    }

    /** Bars delivered so far. */
    public synchronized long delivered() {
        return delivered;
    }

    /** Open time of the last bar delivered. */
    public synchronized long lastDelivered() {
        return lastDelivered;
    }

    private void onEvent(Message m) {
        if (!(m instanceof ProtoOASpotEvent spot) || spot.getSymbolId() != symbolId || !spot.hasTimestamp()) {
            return;
        }
        serverNow.accumulateAndGet(spot.getTimestamp(), Math::max);
        if (spot.hasBid() && spot.hasAsk()) {
            quotes.set(new long[] {spot.getTimestamp(), spot.getBid(), spot.getAsk()});
        }
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void work() {
        long handled = Long.MIN_VALUE;
        while (!closed) {
            long now = serverNow.get();
            if (now == handled) {
                synchronized (signal) {
                    try {
                        signal.wait(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                continue;
            }
            handled = now;
            long[] q = quotes.getAndSet(null);
            try {
                if (q != null) {
                    listener.quote(symbol, q[0], q[1] / 100_000.0, q[2] / 100_000.0);
                }
                catchUp(now);
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("cTrader live {}: {}; trying again at the next spot", symbol, e.getMessage());
                handled = Long.MIN_VALUE;
                sleepQuietly();
            }
        }
    }

    /** Delivers every bar that closed by {@code now} and was not delivered yet. */
    private void catchUp(long now) {
        long forming = timeframe.alignDown(now);
        long from;
        synchronized (this) {
            if (lastDelivered == Long.MIN_VALUE) {
                lastDelivered = forming - timeframe.millis();
                return;
            }
            from = timeframe.next(lastDelivered);
        }
        if (from >= forming) {
            return;
        }
        history.fetch(new HistoryRequest(symbol, timeframe, from, forming - 1), this::deliver);
    }

    private void deliver(BarSeries bars, long coveredUpToMs) {
        for (int i = 0; i < bars.size(); i++) {
            synchronized (this) {
                if (bars.ts(i) <= lastDelivered) {
                    continue;
                }
                lastDelivered = bars.ts(i);
                delivered++;
            }
            listener.bar(symbol, timeframe, bars.bar(i));
        }
        synchronized (this) {
            lastDelivered = Math.max(lastDelivered, timeframe.alignDown(coveredUpToMs));
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (worker != null) {
            worker.interrupt();
        }
    }

    /** Settings: client, symbol, timeframe and listener are required. */
    public static final class Builder {
        private CTraderClient client;
        private SymbolCache cache;
        private String symbol;
        private Timeframe timeframe = Timeframe.M1;
        private Listener listener;
        private long after = Long.MIN_VALUE;

        public Builder client(CTraderClient c) {
            this.client = c;
            return this;
        }

        public Builder symbolCache(SymbolCache c) {
            this.cache = c;
            return this;
        }

        public Builder symbol(String s) {
            this.symbol = s;
            return this;
        }

        public Builder timeframe(Timeframe tf) {
            this.timeframe = tf;
            return this;
        }

        public Builder listener(Listener l) {
            this.listener = l;
            return this;
        }

        /**
         * Resume point: deliver the bars opening after {@code barOpenMs} (a restarted session passes its last bar).
         * Without it the first bar delivered is the one forming at the first spot.
         */
        public Builder after(long barOpenMs) {
            this.after = barOpenMs;
            return this;
        }

        public LiveBarSource build() {
            return new LiveBarSource(this);
        }
    }
}
