package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.conformal.CalibrationConfig;
import com.forexdiffusion.forecast.conformal.CalibrationMode;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;
import com.forexdiffusion.trading.broker.BrokerConfig;
import com.forexdiffusion.trading.broker.PaperBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Forecasts cached across backtests by model version, and walk-forward folds, on both real database engines. */
class ForecastCacheTest {

    @TempDir
    Path dir;

    private final java.util.List<com.forexdiffusion.trading.testing.TestPostgres> pgs = new java.util.ArrayList<>();

    private Database open(String engine) throws SQLException {
        if (engine.equals("sqlite")) {
            return Database.open("sqlite:" + dir.resolve("cache.db"));
        }
        // A database of this test alone, with a random name: other test runs may use the server at the same time.
        com.forexdiffusion.trading.testing.TestPostgres pg = com.forexdiffusion.trading.testing.TestPostgres.create();
        pgs.add(pg);
        return pg.open();
    }

    @org.junit.jupiter.api.AfterEach
    void dropPostgres() {
        pgs.forEach(com.forexdiffusion.trading.testing.TestPostgres::close);
    }

    /** Counts the windows it is asked to forecast. */
    static final class Counting implements Forecaster {
        final Forecaster inner;
        final String version;
        final AtomicInteger calls = new AtomicInteger();

        Counting(Forecaster inner, String version) {
            this.inner = inner;
            this.version = version;
        }

        public String name() {
            return "momentum";
        }

        public String version() {
            return version;
        }

        public int lookback() {
            return inner.lookback();
        }

        public Forecast forecast(ForecastRequest r) {
            calls.incrementAndGet();
            Forecast f = inner.forecast(r);
            return new Forecast(f.symbol(), f.timeframe(), f.time(), f.lastClose(), f.horizons(), f.inferenceMillis(),
                    name(), version);
        }
    }

    /** A backtest with a fresh paper account (its own database file) and the shared forecast cache. */
    private Backtest.Result run(Database db, String brokerFile, BarSeries bars, List<Backtest.Fold> folds) {
        return run(db, brokerFile, bars, folds, EngineTest.cfg());
    }

    private Backtest.Result run(Database db, String brokerFile, BarSeries bars, List<Backtest.Fold> folds,
                                StrategyConfig cfg) {
        try (Database broker = Database.open("sqlite:" + dir.resolve(brokerFile + ".db"))) {
            PaperBroker b = PaperBroker.open(broker, "bt", BrokerConfig.defaults(), 100_000, bars.ts(0));
            return Backtest.run(bars, folds, cfg, b, InstrumentCatalog.builtIn(), null, new ForecastCache(db),
                    ProgressListener.NONE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aSecondBacktestReadsEveryForecastFromTheCacheAndTradesIdentically(String engine) throws SQLException {
        BarSeries bars = EngineTest.market(3);
        try (Database db = open(engine)) {
            Counting f = new Counting(new EngineTest.Momentum(), "v1");
            Backtest.Result first = run(db, "a", bars, List.of(new Backtest.Fold(100, bars.size(), f)));
            int decisions = bars.size() - 100;
            assertThat(f.calls.get()).isEqualTo(decisions);
            assertThat(first.cachedForecasts()).isZero();
            assertThat(first.trades()).isNotEmpty();

            Counting again = new Counting(new EngineTest.Momentum(), "v1");
            Backtest.Result second = run(db, "b", bars, List.of(new Backtest.Fold(100, bars.size(), again)));
            assertThat(again.calls.get()).isZero();
            assertThat(second.cachedForecasts()).isEqualTo(decisions);
            assertThat(second.trades()).isEqualTo(first.trades());

            // Another calibration setting reads the same raw forecasts: calibration is applied after the cache,
            // and it does change the trades.
            Counting raw = new Counting(new EngineTest.Momentum(), "v1");
            Backtest.Result uncalibrated = run(db, "b-none", bars, List.of(new Backtest.Fold(100, bars.size(), raw)),
                    EngineTest.cfg().withCalibration(CalibrationConfig.defaults().withMode(CalibrationMode.NONE)));
            assertThat(raw.calls.get()).isZero();
            assertThat(uncalibrated.cachedForecasts()).isEqualTo(decisions);
            assertThat(uncalibrated.trades()).isNotEqualTo(first.trades());

            // Another model version shares nothing with the first.
            Counting other = new Counting(new EngineTest.Momentum(), "v2");
            run(db, "c", bars, List.of(new Backtest.Fold(100, bars.size(), other)));
            assertThat(other.calls.get()).isEqualTo(decisions);

            // A corrected bar: every window that holds it is forecast afresh (Momentum's lookback is 50 bars in the
            // strategy), every other one still comes from the cache.
            int fixed = 400;
            BarSeries.Builder b = BarSeries.builder("EURUSD", Timeframe.M15, bars.size());
            for (int i = 0; i < bars.size(); i++) {
                double c = i == fixed ? bars.close(i) * 1.0001 : bars.close(i);
                b.add(bars.ts(i), bars.open(i), Math.max(bars.high(i), c), Math.min(bars.low(i), c), c, bars.volume(i));
            }
            Counting corrected = new Counting(new EngineTest.Momentum(), "v1");
            Backtest.Result third = run(db, "d", b.build(), List.of(new Backtest.Fold(100, bars.size(), corrected)));
            assertThat(corrected.calls.get()).isEqualTo(EngineTest.cfg().lookback());
            assertThat(third.cachedForecasts()).isEqualTo(decisions - EngineTest.cfg().lookback());
            try (Connection c = db.connection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM forecast_cache")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2L * decisions);
            }
        }
    }

    @Test
    void walkForwardFitsEachFoldOnTheBarsBeforeItOnly() throws SQLException {
        BarSeries bars = EngineTest.market(5);
        List<long[]> fits = new ArrayList<>();
        ForecasterFactory factory = new ForecasterFactory() {
            public String name() {
                return "momentum";
            }

            public Forecaster fit(BarSeries train) {
                fits.add(new long[]{train.size(), train.lastTs()});
                return new Counting(new EngineTest.Momentum(), "fold-" + fits.size());
            }
        };
        List<Backtest.Fold> folds = Backtest.walkForward(bars, 300, 200, 250, factory);
        int expected = (bars.size() - 300 + 199) / 200;
        assertThat(folds).hasSize(expected);
        for (int k = 0; k < folds.size(); k++) {
            Backtest.Fold f = folds.get(k);
            assertThat(f.from()).isEqualTo(300 + 200 * k);
            assertThat(f.to()).isEqualTo(Math.min(bars.size(), 300 + 200 * (k + 1)));
            // Trained on the 250 bars that end just before the fold's first decision bar.
            assertThat(fits.get(k)[0]).isEqualTo(250);
            assertThat(fits.get(k)[1]).isEqualTo(bars.ts(f.from() - 1));
        }
        try (Database db = open("sqlite")) {
            run(db, "wf", bars, folds);
            for (int k = 0; k < folds.size(); k++) {
                try (Connection c = db.connection(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT MIN(ts), MAX(ts), COUNT(*) FROM forecast_cache "
                             + "WHERE model_version = 'fold-" + (k + 1) + "'")) {
                    rs.next();
                    Backtest.Fold f = folds.get(k);
                    assertThat(rs.getLong(1)).isEqualTo(bars.ts(f.from()));
                    assertThat(rs.getLong(2)).isEqualTo(bars.ts(f.to() - 1));
                    assertThat(rs.getLong(3)).isEqualTo(f.to() - f.from());
                }
            }
        }
    }
}
