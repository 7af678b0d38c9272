package com.forexdiffusion.data.importer;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.CandleStore;
import com.forexdiffusion.data.store.CandleWriter;
import com.forexdiffusion.data.store.SeriesInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A test double of the candle store with the contract's transaction semantics: a writer's rows become
 * visible only on commit, and closing without a commit discards them.
 */
final class InMemoryCandleStore implements CandleStore {
    record Key(String symbol, Timeframe timeframe) {
    }

    record Row(double open, double high, double low, double close, double volume, String source) {
    }

    private final Map<Key, TreeMap<Long, Row>> data = new HashMap<>();
    int commits;
    int rollbacks;

    @Override
    public CandleWriter writer() {
        return new Writer();
    }

    Row row(String symbol, Timeframe tf, long ts) {
        TreeMap<Long, Row> m = data.get(new Key(symbol, tf));
        return m == null ? null : m.get(ts);
    }

    long totalRows() {
        return data.values().stream().mapToLong(Map::size).sum();
    }

    @Override
    public BarSeries read(String symbol, Timeframe timeframe, long fromMs, long toMs) {
        TreeMap<Long, Row> m = data.getOrDefault(new Key(symbol, timeframe), new TreeMap<>());
        NavigableMap<Long, Row> sub = fromMs < toMs ? m.subMap(fromMs, true, toMs, false) : new TreeMap<>();
        BarSeries.Builder b = BarSeries.builder(symbol, timeframe, sub.size());
        sub.forEach((t, r) -> b.add(t, r.open(), r.high(), r.low(), r.close(), r.volume()));
        return b.build();
    }

    @Override
    public long count(String symbol, Timeframe timeframe) {
        TreeMap<Long, Row> m = data.get(new Key(symbol, timeframe));
        return m == null ? 0 : m.size();
    }

    @Override
    public List<SeriesInfo> info() {
        List<SeriesInfo> out = new ArrayList<>();
        data.forEach((k, m) -> out.add(new SeriesInfo(k.symbol(), k.timeframe(), m.size(), m.firstKey(), m.lastKey(),
                0, 0, false)));
        out.sort(Comparator.comparing(SeriesInfo::symbol).thenComparing(s -> s.timeframe().minutes()));
        return out;
    }

    @Override
    public long delete(String symbol, Timeframe timeframe) {
        TreeMap<Long, Row> m = data.remove(new Key(symbol, timeframe));
        return m == null ? 0 : m.size();
    }

    private final class Writer implements CandleWriter {
        private Map<Key, TreeMap<Long, Row>> pending = new HashMap<>();
        private long added;
        private boolean committed;

        @Override
        public void add(String symbol, Timeframe timeframe, long ts, double open, double high, double low,
                        double close, double volume, String source) {
            if (pending == null) {
                throw new IllegalStateException("writer closed");
            }
            pending.computeIfAbsent(new Key(symbol, timeframe), k -> new TreeMap<>())
                    .put(ts, new Row(open, high, low, close, volume, source));
            added++;
        }

        @Override
        public long added() {
            return added;
        }

        @Override
        public void commit() {
            pending.forEach((k, m) -> data.computeIfAbsent(k, x -> new TreeMap<>()).putAll(m));
            pending = new HashMap<>();
            committed = true;
            commits++;
        }

        @Override
        public void close() {
            if (!committed) {
                rollbacks++;
            }
            pending = null;
        }
    }
}
