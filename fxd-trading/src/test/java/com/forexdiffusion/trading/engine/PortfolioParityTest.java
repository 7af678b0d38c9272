package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.resample.Resampler;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.trading.broker.BarTransaction;
import com.forexdiffusion.trading.broker.BrokerConfig;
import com.forexdiffusion.trading.broker.IntrabarBars;
import com.forexdiffusion.trading.broker.PaperBroker;
import com.forexdiffusion.trading.regime.RegimeDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity of four symbols with regimes and M1 stop/target ordering on: the backtest (forecasts made beforehand in
 * batches) and the paper replay (a forecast on each event, the broker on a file database written in bar transactions)
 * send the same orders and get the same fills.
 */
class PortfolioParityTest {
    private static final long START = Instant.parse("2023-01-02T00:00:00Z").toEpochMilli();
    private static final List<String> SYMBOLS = List.of("EURUSD", "GBPUSD", "USDJPY", "AUDUSD");

    @TempDir
    Path dir;

    private final Map<String, BarSeries> m1 = new LinkedHashMap<>();
    private final Map<String, BarSeries> m15 = new LinkedHashMap<>();

    private List<Portfolio.Leg> legs(boolean precomputed) {
        StrategyConfig cfg = EngineTest.cfg();
        EngineTest.Momentum f = new EngineTest.Momentum();
        List<Portfolio.Leg> legs = new ArrayList<>();
        for (BarSeries s : m15.values()) {
            RegimeDetector.Estimate[] regimes = RegimeDetector.fit(s.slice(0, 300), 20, 5).estimates(s);
            Map<Integer, Forecast> cache = new HashMap<>();
            if (precomputed) {
                for (int i = cfg.lookback(); i < s.size(); i++) {
                    cache.put(i, f.forecast(ForecastEngine.request(s, i, cfg)));
                }
            }
            legs.add(new Portfolio.Leg(s, f, precomputed ? cache::get : null, regimes, 300));
        }
        return legs;
    }

    private static List<String> rows(Database db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int k = 1; k <= rs.getMetaData().getColumnCount(); k++) {
                    b.append(rs.getObject(k)).append(' ');
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    @Test
    void backtestAndPaperReplaySendTheSameOrdersAndGetTheSameFills() throws Exception {
        for (int k = 0; k < SYMBOLS.size(); k++) {
            Instrument i = InstrumentCatalog.builtIn().resolve(SYMBOLS.get(k));
            BarSeries one = new SyntheticGenerator(SyntheticConfig.forInstrument(i, 30 + k).withRegimes(true))
                    .generate(i.symbol(), START, 12);
            m1.put(i.symbol(), one);
            m15.put(i.symbol(), Resampler.resample(one, Timeframe.M15));
        }
        Database bt = Database.openScratch(dir.resolve("bt.db"));
        PaperBroker b1 = PaperBroker.open(bt, "acc", BrokerConfig.defaults(), 100_000, START)
                .withIntrabar(IntrabarBars.of(m1));
        Portfolio.Result backtest = Portfolio.run(legs(true), EngineTest.cfg(), b1, InstrumentCatalog.builtIn(),
                SignalTuning.defaults(), 200, ProgressListener.NONE);

        Database paper = Database.open("sqlite:" + dir.resolve("paper.db"));
        PaperBroker b2 = PaperBroker.open(paper, "acc", BrokerConfig.defaults(), 100_000, START)
                .withIntrabar(IntrabarBars.of(m1));
        Portfolio.Result replay;
        try (BarTransaction tx = BarTransaction.open(paper)) {
            b2.inTransaction(tx);
            replay = Portfolio.run(legs(false), EngineTest.cfg(), b2, InstrumentCatalog.builtIn(),
                    SignalTuning.defaults(), 200, ProgressListener.NONE);
            tx.commit();
        }
        assertThat(backtest.account().orders()).hasSizeGreaterThan(20);
        assertThat(backtest.bySymbol().values()).allMatch(t -> !t.isEmpty());
        assertThat(replay.account().orders()).isEqualTo(backtest.account().orders());
        String fills = "SELECT fill_id, symbol, side, lots, price, commission, ts FROM trading_fills ORDER BY fill_id";
        assertThat(rows(paper, fills)).isEqualTo(rows(bt, fills)).isNotEmpty();
        String orders = "SELECT * FROM trading_orders ORDER BY order_id";
        assertThat(rows(paper, orders)).isEqualTo(rows(bt, orders));
    }
}
