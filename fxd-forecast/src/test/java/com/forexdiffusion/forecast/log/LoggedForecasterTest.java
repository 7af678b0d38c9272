package com.forexdiffusion.forecast.log;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.resample.Resampler;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.baseline.RandomWalkForecaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A paper-style replay through the logging forecaster, on the real schema (SQLite). */
class LoggedForecasterTest {
    @TempDir
    Path dir;

    @Test
    void everyForecastIsLoggedAndResolvedOnlyOnceItsTargetBarHasClosed() throws Exception {
        BarSeries m15 = Resampler.resample(new SyntheticGenerator(SyntheticConfig.defaults(9)).generate("EURUSD",
                Instant.parse("2023-01-02T00:00:00Z").toEpochMilli(), 5), Timeframe.M15);
        // Every bar is "stored" from the start, as in a replay: only the clock may keep the future out.
        PriceSource prices = (s, tf, ts) -> {
            int i = m15.indexOf(ts);
            return i < 0 ? OptionalDouble.empty() : OptionalDouble.of(m15.close(i));
        };
        AtomicLong now = new AtomicLong();
        InstantSource clock = () -> Instant.ofEpochMilli(now.get());
        List<Horizon> hs = List.of(new Horizon(15), new Horizon(60));
        int first = 100;
        int last = 160;
        try (Database db = Database.open("sqlite:" + dir.resolve("fxd.db"))) {
            now.set(Timeframe.M15.next(m15.ts(first)));
            try (LoggedForecaster f = new LoggedForecaster(RandomWalkForecaster.ewma(50, 0.94), db::connection, clock,
                    prices, 20, Long.MAX_VALUE)) {
                for (int i = first; i <= last; i++) {
                    // The event of bar i arrives when it closes.
                    now.set(Timeframe.M15.next(m15.ts(i)));
                    f.forecast(ForecastRequest.of(m15.slice(i - 60, i + 1), hs, 20, i));
                    long early = count(db, "actual_price IS NOT NULL AND target_time + 900000 > " + now.get());
                    assertThat(early).as("resolved before its target bar closed, at bar " + i).isZero();
                }
                assertThat(f.logged()).isEqualTo(last - first + 1);
            }
            assertThat(count(db, "1 = 1")).isEqualTo(2L * (last - first + 1));
            // At the end (clock = close of bar `last`): the 15-minute targets up to bar `last` and the 60-minute
            // ones up to bar `last` are known; later ones stay open.
            long expect15 = last - first;
            long expect60 = last - first - 3;
            assertThat(count(db, "horizon_minutes = 15 AND actual_price IS NOT NULL")).isEqualTo(expect15);
            assertThat(count(db, "horizon_minutes = 60 AND actual_price IS NOT NULL")).isEqualTo(expect60);
            try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery(
                    "SELECT target_time, actual_price, current_price, mean_pred FROM ldm4ts_predictions "
                            + "WHERE actual_price IS NOT NULL")) {
                while (rs.next()) {
                    assertThat(rs.getDouble(2)).isEqualTo(m15.close(m15.indexOf(rs.getLong(1))));
                }
            }
            // The health monitor wrote windows of 20 forecasts, and the last partial one at close.
            assertThat(countIn(db, "ldm4ts_inference_metrics")).isEqualTo((last - first + 1 + 19) / 20);
        }
    }

    private static long count(Database db, String where) throws Exception {
        try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM ldm4ts_predictions WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long countIn(Database db, String table) throws Exception {
        try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
