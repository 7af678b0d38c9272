package com.forexdiffusion.ctrader.fake;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.ctrader.client.TrendbarPrices;
import com.xtrader.protocol.openapi.v2.ProtoOASpotEvent;
import com.xtrader.protocol.openapi.v2.model.ProtoOATrendbar;
import com.xtrader.protocol.openapi.v2.model.ProtoOATrendbarPeriod;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fake server's market: the stored M1 bars of every symbol from a start time on, replayed as four spot ticks per
 * bar (open, then low and high in the bar's direction, then close, 15 s apart) at a speed in simulated seconds per
 * real second. Replay time is the server's "now" for history while it runs, so a bar is served once its next bar has
 * begun; ticks go to the sessions subscribed at that moment (a dropped client misses them and must backfill). Waits
 * longer than a second of real time (weekends) are cut to one second.
 */
final class SpotReplay {
    static final long TICK_MS = 15_000;
    static final int SPREAD_UNITS = 2;

    private final FakeServer server;
    private final List<BarSeries> series = new ArrayList<>();
    private final AtomicLong now;
    private final Map<FakeSession, Set<Long>> spotSubs = new ConcurrentHashMap<>();
    private final Map<FakeSession, Set<Long>> barSubs = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private volatile boolean finished;

    SpotReplay(FakeServer server) {
        this.server = server;
        this.now = new AtomicLong(server.spotsFromMs);
        for (String name : FakeSession.symbolNames(server)) {
            series.add(server.candles.read(name, Timeframe.M1, server.spotsFromMs, server.spotsUntilMs));
        }
    }

    long nowMs() {
        return now.get();
    }

    boolean finished() {
        return finished;
    }

    void start() {
        Thread t = new Thread(this::run, "ctrader-fake-spots");
        t.setDaemon(true);
        t.start();
    }

    void subscribe(FakeSession s, long symbolId) {
        spotSubs.computeIfAbsent(s, k -> ConcurrentHashMap.newKeySet()).add(symbolId);
    }

    void subscribeBars(FakeSession s, long symbolId) {
        barSubs.computeIfAbsent(s, k -> ConcurrentHashMap.newKeySet()).add(symbolId);
    }

    void remove(FakeSession s) {
        spotSubs.remove(s);
        barSubs.remove(s);
    }

    private void run() {
        int[] cursor = new int[series.size()];
        long last = server.spotsFromMs;
        while (!stopped) {
            long t = Long.MAX_VALUE;
            for (int i = 0; i < series.size(); i++) {
                if (cursor[i] < series.get(i).size()) {
                    t = Math.min(t, series.get(i).ts(cursor[i]));
                }
            }
            if (t == Long.MAX_VALUE) {
                break;
            }
            for (int k = 0; k < 4 && !stopped; k++) {
                long tick = t + k * TICK_MS;
                sleepSimulated(tick - last);
                last = tick;
                now.set(tick);
                server.onTick.accept(tick);
                for (int i = 0; i < series.size(); i++) {
                    if (cursor[i] < series.get(i).size() && series.get(i).ts(cursor[i]) == t) {
                        emit(i + 1, series.get(i), cursor[i], k, tick);
                    }
                }
            }
            for (int i = 0; i < series.size(); i++) {
                if (cursor[i] < series.get(i).size() && series.get(i).ts(cursor[i]) == t) {
                    cursor[i]++;
                }
            }
        }
        // The last bar closes a minute after it opened.
        now.set(Math.max(now.get(), last - 3 * TICK_MS + 60_000));
        finished = true;
    }

    private void sleepSimulated(long simMs) {
        long realMs = Math.min(1000, (long) (simMs / server.spotSpeed));
        if (realMs > 0) {
            try {
                Thread.sleep(realMs);
            } catch (InterruptedException e) {
                stopped = true;
            }
        }
    }

    /** Tick k of bar i: the price path open, low/high (in the bar's direction), close. */
    private void emit(long symbolId, BarSeries s, int i, int k, long tick) {
        boolean up = s.close(i) >= s.open(i);
        double[] path = {s.open(i), up ? s.low(i) : s.high(i), up ? s.high(i) : s.low(i), s.close(i)};
        long bid = TrendbarPrices.units(path[k]);
        double hi = s.open(i);
        double lo = s.open(i);
        for (int j = 0; j <= k; j++) {
            hi = Math.max(hi, path[j]);
            lo = Math.min(lo, path[j]);
        }
        long low = TrendbarPrices.units(lo);
        ProtoOATrendbar forming = ProtoOATrendbar.newBuilder().setPeriod(ProtoOATrendbarPeriod.M1).setLow(low)
                .setDeltaOpen(TrendbarPrices.units(s.open(i)) - low).setDeltaHigh(TrendbarPrices.units(hi) - low)
                .setDeltaClose(bid - low).setVolume(Math.round(s.volume(i) * (k + 1) / 4.0))
                .setUtcTimestampInMinutes((int) (s.ts(i) / 60_000L)).build();
        for (Map.Entry<FakeSession, Set<Long>> e : spotSubs.entrySet()) {
            if (!e.getValue().contains(symbolId)) {
                continue;
            }
            ProtoOASpotEvent.Builder ev = ProtoOASpotEvent.newBuilder().setCtidTraderAccountId(e.getKey().account())
                    .setSymbolId(symbolId).setBid(bid).setAsk(bid + SPREAD_UNITS).setTimestamp(tick);
            Set<Long> bars = barSubs.get(e.getKey());
            if (bars != null && bars.contains(symbolId)) {
                ev.addTrendbar(forming);
            }
            e.getKey().send(ev.build(), null);
        }
    }

    void stop() {
        stopped = true;
    }
}
