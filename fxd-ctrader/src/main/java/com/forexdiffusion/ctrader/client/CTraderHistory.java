package com.forexdiffusion.ctrader.client;

import com.forexdiffusion.core.Bar;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.history.HistoryRequest;
import com.forexdiffusion.data.history.HistorySink;
import com.forexdiffusion.data.history.HistorySource;
import com.xtrader.protocol.openapi.v2.ProtoOAGetTrendbarsReq;
import com.xtrader.protocol.openapi.v2.ProtoOAGetTrendbarsRes;
import com.xtrader.protocol.openapi.v2.ProtoOASymbolsListReq;
import com.xtrader.protocol.openapi.v2.ProtoOASymbolsListRes;
import com.xtrader.protocol.openapi.v2.model.ProtoOALightSymbol;
import com.xtrader.protocol.openapi.v2.model.ProtoOATrendbar;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Historical bars from the cTrader Open API: a range is split into windows of at most {@code barsPerRequest} bar
 * slots, requested oldest first under the history rate limit (5 requests/s); a reply marked hasMore (the server's
 * own limit was smaller) is followed by a request for the part before the bars it returned. Only bars closed at the
 * time of the request are delivered, so a range ending now never stores the bar still forming.
 */
public final class CTraderHistory implements HistorySource {
    /** Bar slots per request: a week of M1 bars. */
    public static final int DEFAULT_BARS_PER_REQUEST = 10_080;

    private final CTraderClient client;
    private final SymbolCache cache;
    private final InstantSource clock;
    private final RateLimiter limiter;
    private final int barsPerRequest;

    private CTraderHistory(Builder b) {
        this.client = Objects.requireNonNull(b.client, "client");
        this.cache = b.cache;
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.limiter = b.limiter != null ? b.limiter : new RateLimiter(5, 1000);
        this.barsPerRequest = b.barsPerRequest;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String describe() {
        return "ctrader " + client.endpoint().describe();
    }

    @Override
    public void fetch(HistoryRequest request, HistorySink sink) {
        long symbolId = symbolId(request.symbol());
        Timeframe tf = request.timeframe();
        long span = Math.multiplyExact(stepMs(tf), (long) barsPerRequest);
        long from = request.fromMs();
        while (true) {
            long now = clock.millis();
            long end = Math.min(request.toMs(), now);
            if (from > end) {
                break;
            }
            long windowEnd = Math.min(end, from + span - 1);
            List<Bar> bars = window(symbolId, tf, from, windowEnd);
            BarSeries.Builder out = BarSeries.builder(request.symbol(), tf, bars.size());
            for (Bar b : bars) {
                if (b.ts() >= from && b.ts() <= windowEnd && tf.next(b.ts()) <= now) {
                    out.add(b);
                }
            }
            sink.batch(out.build(), windowEnd);
            if (windowEnd >= request.toMs() || windowEnd >= now) {
                break;
            }
            from = windowEnd + 1;
        }
    }

    private static long stepMs(Timeframe tf) {
        return tf.isFixedLength() ? tf.millis() : 31L * 86_400_000L;
    }

    /** The bars of [from, to] by as many requests as the server's replies need, in time order without repeats. */
    private List<Bar> window(long symbolId, Timeframe tf, long from, long to) {
        TreeMap<Long, Bar> bars = new TreeMap<>();
        long hi = to;
        while (hi >= from) {
            ProtoOAGetTrendbarsRes res = request(symbolId, tf, from, hi);
            long earliest = Long.MAX_VALUE;
            for (ProtoOATrendbar t : res.getTrendbarList()) {
                Bar b = TrendbarPrices.toBar(t);
                bars.put(b.ts(), b);
                earliest = Math.min(earliest, b.ts());
            }
            if (!res.getHasMore() || earliest == Long.MAX_VALUE || earliest <= from) {
                break;
            }
            hi = earliest - 1;
        }
        return new ArrayList<>(bars.values());
    }

    private ProtoOAGetTrendbarsRes request(long symbolId, Timeframe tf, long from, long to) {
        return (ProtoOAGetTrendbarsRes) client.call(ProtoOAGetTrendbarsReq.newBuilder()
                .setCtidTraderAccountId(client.accountId()).setSymbolId(symbolId)
                .setPeriod(TrendbarPrices.period(tf)).setFromTimestamp(from).setToTimestamp(to).build(), limiter);
    }

    /** The server's id of a symbol: from the database cache, else from the symbols list (which is then cached). */
    public long symbolId(String symbol) {
        String server = client.endpoint().address();
        long account = client.accountId();
        if (cache != null) {
            OptionalLong hit = cache.find(server, account, symbol);
            if (hit.isPresent()) {
                return hit.getAsLong();
            }
        }
        ProtoOASymbolsListRes res = (ProtoOASymbolsListRes) client.call(ProtoOASymbolsListReq.newBuilder()
                .setCtidTraderAccountId(account).build());
        List<SymbolCache.Entry> entries = res.getSymbolList().stream()
                .map(s -> new SymbolCache.Entry(s.getSymbolId(), s.getSymbolName(), s.getEnabled())).toList();
        if (cache != null) {
            cache.replace(server, account, entries, clock.millis());
        }
        String wanted = SymbolCache.canonical(symbol);
        return res.getSymbolList().stream().filter(s -> SymbolCache.canonical(s.getSymbolName()).equals(wanted))
                .min(Comparator.comparing((ProtoOALightSymbol s) -> !s.getEnabled())
                        .thenComparingLong(ProtoOALightSymbol::getSymbolId))
                .map(ProtoOALightSymbol::getSymbolId)
                .orElseThrow(() -> new FxdException("symbol " + symbol + " is not offered by account " + account
                        + " at " + server + " (" + entries.size() + " symbols, e.g. "
                        + entries.stream().limit(8).map(SymbolCache.Entry::name).toList() + ")"));
    }

    /** Settings: the client and the clock are required. */
    public static final class Builder {
        private CTraderClient client;
        private SymbolCache cache;
        private InstantSource clock;
        private RateLimiter limiter;
        private int barsPerRequest = DEFAULT_BARS_PER_REQUEST;

        public Builder client(CTraderClient c) {
            this.client = c;
            return this;
        }

        public Builder symbolCache(SymbolCache c) {
            this.cache = c;
            return this;
        }

        /** What "now" is: the end of a range ending today, and which bars are closed. */
        public Builder clock(InstantSource c) {
            this.clock = c;
            return this;
        }

        public Builder rateLimiter(RateLimiter l) {
            this.limiter = l;
            return this;
        }

        public Builder barsPerRequest(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("barsPerRequest must be >= 1");
            }
            this.barsPerRequest = n;
            return this;
        }

        public CTraderHistory build() {
            return new CTraderHistory(this);
        }
    }
}
