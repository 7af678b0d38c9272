package com.forexdiffusion.ctrader.live;

import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.ctrader.client.CTraderClient;
import com.forexdiffusion.ctrader.client.SymbolCache;
import com.forexdiffusion.data.feed.BarArrivals;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.store.SeriesInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * The live bars of several symbols kept in the store: one {@link LiveBarSource} per symbol on one client, each
 * resuming after the last bar stored for it, so the store stays gapless across restarts and dropped connections.
 * A paper session reads the store as it reads history, which is how live and replay trade through one engine.
 */
public final class LiveFeed implements BarArrivals, AutoCloseable {
    private final CTraderClient client;
    private final List<LiveBarSource> sources;
    private final LiveBarStore store;

    private LiveFeed(CTraderClient client, List<LiveBarSource> sources, LiveBarStore store) {
        this.client = client;
        this.sources = sources;
        this.store = store;
    }

    /** Subscribes every symbol; the client is closed with the feed. */
    public static LiveFeed start(Database d, CTraderClient client, List<String> symbols, Timeframe timeframe) {
        LiveBarStore store = new LiveBarStore(d.candles());
        SymbolCache cache = new SymbolCache(d);
        List<LiveBarSource> sources = new ArrayList<>();
        try {
            for (String s : symbols) {
                long after = d.candles().info(s, timeframe).map(SeriesInfo::lastTs).orElse(Long.MIN_VALUE);
                sources.add(LiveBarSource.builder().client(client).symbolCache(cache).symbol(s).timeframe(timeframe)
                        .listener(store).after(after).build().start());
            }
        } catch (RuntimeException e) {
            sources.forEach(LiveBarSource::close);
            client.close();
            throw e;
        }
        return new LiveFeed(client, sources, store);
    }

    @Override
    public long awaitMore(long seen, long timeoutMs) throws InterruptedException {
        return store.awaitMore(seen, timeoutMs);
    }

    @Override
    public long reconnects() {
        return client.reconnects();
    }

    @Override
    public void close() {
        sources.forEach(LiveBarSource::close);
        client.close();
    }
}
