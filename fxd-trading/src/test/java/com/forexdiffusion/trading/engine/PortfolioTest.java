package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.trading.broker.BrokerConfig;
import com.forexdiffusion.trading.broker.PaperBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Several symbols on one account: limits bind across them and correlation safety reads the other positions. */
class PortfolioTest {
    @TempDir
    Path dir;

    /** The same price path under another symbol, scaled: perfectly correlated returns. */
    static BarSeries relabel(BarSeries s, String symbol, double scale) {
        BarSeries.Builder b = BarSeries.builder(symbol, s.timeframe(), s.size());
        for (int i = 0; i < s.size(); i++) {
            b.add(s.ts(i), s.open(i) * scale, s.high(i) * scale, s.low(i) * scale, s.close(i) * scale, s.volume(i));
        }
        return b.build();
    }

    private Portfolio.Result run(List<BarSeries> series, int correlationWindow, String name) {
        StrategyConfig cfg = EngineTest.cfg();
        List<Portfolio.Leg> legs = new ArrayList<>();
        EngineTest.Momentum f = new EngineTest.Momentum();
        for (BarSeries s : series) {
            Map<Integer, Forecast> cache = new HashMap<>();
            for (int i = cfg.lookback(); i < s.size(); i++) {
                ForecastRequest r = ForecastEngine.request(s, i, cfg);
                cache.put(i, f.forecast(r));
            }
            legs.add(new Portfolio.Leg(s, f, cache::get, null, 100));
        }
        Database db = Database.openScratch(dir.resolve(name + ".db"));
        PaperBroker broker = PaperBroker.open(db, "pf", BrokerConfig.defaults(), 100_000, series.get(0).ts(0));
        return Portfolio.run(legs, cfg, broker, InstrumentCatalog.builtIn(), SignalTuning.defaults(),
                correlationWindow, ProgressListener.NONE);
    }

    @Test
    void correlationSafetyFromOpenPositionsChangesDecisions() {
        BarSeries eur = EngineTest.market(3);
        List<BarSeries> two = List.of(eur, relabel(eur, "GBPUSD", 1.15));
        Portfolio.Result without = run(two, 0, "off");
        Portfolio.Result with = run(two, 200, "on");
        long gbpWithout = without.bySymbol().get("GBPUSD").size();
        long gbpWith = with.bySymbol().get("GBPUSD").size();
        assertThat(gbpWithout).isPositive();
        // GBPUSD moves exactly with the open EURUSD position: doubling up scores correlation safety 0.
        assertThat(gbpWith).isLessThan(gbpWithout);
    }

    @Test
    void onePositionPerSymbolAndTheMaximumBindAcrossSymbols() {
        BarSeries eur = EngineTest.market(3);
        Portfolio.Result r = run(List.of(eur, relabel(eur, "GBPUSD", 1.15), relabel(eur, "AUDUSD", 0.6),
                relabel(eur, "NZDUSD", 0.55)), 0, "four");
        List<TradeRecord> t = r.account().trades();
        assertThat(r.bySymbol().keySet()).containsExactly("EURUSD", "GBPUSD", "AUDUSD", "NZDUSD");
        assertThat(r.bySymbol().values().stream().mapToInt(List::size).sum()).isEqualTo(t.size());
        int max = EngineTest.cfg().risk().maxOpenPositions();
        int peak = 0;
        for (TradeRecord a : t) {
            long overlapping = t.stream().filter(b -> b.openedAt() <= a.openedAt() && b.closedAt() > a.openedAt()).count();
            peak = (int) Math.max(peak, overlapping);
            assertThat(t.stream().filter(b -> b != a && b.symbol().equals(a.symbol()) && b.openedAt() <= a.openedAt()
                    && b.closedAt() > a.openedAt())).as("one position per symbol").isEmpty();
        }
        assertThat(peak).isLessThanOrEqualTo(max).isGreaterThan(1);
    }
}
