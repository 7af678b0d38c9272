package com.forexdiffusion.ctrader;

import com.forexdiffusion.core.Bar;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.ctrader.client.CTraderClient;
import com.forexdiffusion.ctrader.client.SymbolCache;
import com.forexdiffusion.ctrader.fake.FakeServer;
import com.forexdiffusion.ctrader.live.LiveBarSource;
import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The live spot -> closed bar path: with three dropped connections the delivered bars equal those without a drop. */
class LiveBarSourceTest {
    static final Instant START = Instant.parse("2024-03-04T00:00:00Z");
    static final Instant FROM = Instant.parse("2024-03-04T10:00:00Z");
    static final int BARS = 60;
    /** Simulated seconds per second: a bar every 25 ms. */
    static final double SPEED = 2400;

    @TempDir
    Path dir;

    @Test
    void droppedConnectionsAreBackfilledAndTheBarSequenceEqualsTheOneWithoutDrops() throws Exception {
        Database source = FakeMarket.db(dir, "source.db");
        BarSeries stored = FakeMarket.seed(source, "EURUSD", START, 1, 21);
        long until = FROM.toEpochMilli() + BARS * 60_000L;
        // Every bar but the last: the last one never sees the next bar's first spot.
        BarSeries expected = stored.between(FROM.toEpochMilli(), until - 60_000L);
        assertThat(expected.size()).isEqualTo(BARS - 1);

        List<Bar> calm = run(source, until, 0);
        List<Bar> stormy = run(source, until, 3);
        assertThat(calm).containsExactlyElementsOf(stormy);
        assertThat(calm.stream().mapToLong(Bar::ts).toArray()).containsExactly(expected.timestamps());
        for (int i = 0; i < calm.size(); i++) {
            assertThat(calm.get(i)).isEqualTo(expected.bar(i));
        }
    }

    private List<Bar> run(Database source, long until, int drops) throws Exception {
        List<Bar> bars = new CopyOnWriteArrayList<>();
        List<Double> bids = new CopyOnWriteArrayList<>();
        Database cache = FakeMarket.db(dir, "cache-" + drops + ".db");
        try (FakeServer server = FakeServer.builder().candles(source.candles())
                .spots(SPEED, FROM.toEpochMilli(), until).build().start();
             CTraderClient client = FakeMarket.client(server.port(),
                     FakeMarket.store(FakeMarket.credentialsFile(dir))).build();
             LiveBarSource live = LiveBarSource.builder().client(client).symbolCache(new SymbolCache(cache))
                     .symbol("EURUSD").timeframe(Timeframe.M1).after(FROM.toEpochMilli() - 60_000L)
                     .listener(new LiveBarSource.Listener() {
                         @Override
                         public void bar(String symbol, Timeframe tf, Bar bar) {
                             bars.add(bar);
                         }

                         @Override
                         public void quote(String symbol, long timeMs, double bid, double ask) {
                             bids.add(bid);
                         }
                     }).build().start()) {
            for (int d = 0; d < drops; d++) {
                Thread.sleep(250);
                assertThat(server.replayFinished()).as("drop %d falls inside the replay", d).isFalse();
                server.dropAll();
                long reconnected = System.nanoTime() + 5_000_000_000L;
                while (server.connections() < d + 2 && System.nanoTime() < reconnected) {
                    Thread.sleep(5);
                }
            }
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (live.lastDelivered() < until - 120_000L && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.connections()).as("connections").isEqualTo(drops + 1);
            assertThat(client.reconnects()).isEqualTo(drops);
        }
        assertThat(bids).as("quotes reach the listener").isNotEmpty();
        return bars;
    }
}
