package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.HorizonForecast;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forecast cache table through {@link ForecastCache}: the same tests on SQLite ({@link SqliteForecastCacheTest})
 * and PostgreSQL ({@link PostgresForecastCacheTest}). Backtests through the cache are {@link ForecastCacheTest}.
 */
abstract class ForecastCacheContract {
    static final long T0 = Instant.parse("2024-03-04T10:00:00Z").toEpochMilli();
    static final long M15 = 15 * 60_000L;
    static final String KEY = "h=15,60;s=20;seed=1;lookback=4";
    Database db;

    abstract Database openDatabase();

    @BeforeEach
    void open() {
        db = openDatabase();
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    /** The window of four M15 bars ending at bar {@code end}, with closes 1.1 + k/10000 (+ {@code shift}). */
    static ForecastRequest request(int end, double shift) {
        BarSeries.Builder b = BarSeries.builder("EURUSD", Timeframe.M15, 4);
        for (int k = end - 3; k <= end; k++) {
            double c = 1.1 + k / 10_000.0 + shift;
            b.add(T0 + k * M15, c, c + 1e-4, c - 1e-4, c, 10);
        }
        return ForecastRequest.of(b.build(), List.of(new Horizon(15), new Horizon(60)), 20, 1);
    }

    static Forecast forecast(ForecastRequest r, String version, double mean) {
        List<HorizonForecast> hs = new ArrayList<>();
        for (Horizon h : r.horizons()) {
            TreeMap<Double, Double> q = new TreeMap<>(Map.of(0.05, mean - 0.002, 0.5, mean, 0.95, mean + 0.002));
            hs.add(new HorizonForecast(h, r.time() + h.minutes() * 60_000L, mean, 0.001 * h.minutes() / 15, q, null));
        }
        return new Forecast(r.symbol(), r.timeframe(), r.time(), r.window().close(r.window().size() - 1), hs, 3.5,
                "rw", version);
    }

    @Test
    void storedForecastsComeBackWithEveryFieldByPositionAndMissingOnesAreNull() {
        List<ForecastRequest> rs = List.of(request(10, 0), request(11, 0), request(12, 0));
        ForecastCache cache = new ForecastCache(db);
        List<Forecast> fs = Arrays.asList(forecast(rs.get(0), "v1", 1.1012), null, forecast(rs.get(2), "v1", 1.1015));
        cache.write(KEY, rs, fs);
        Forecast[] back = cache.read("rw", "v1", KEY, rs);
        assertThat(back[1]).isNull();
        for (int i : new int[]{0, 2}) {
            assertThat(back[i]).isNotNull();
            assertThat(back[i].time()).isEqualTo(rs.get(i).time());
            assertThat(back[i].lastClose()).isEqualTo(fs.get(i).lastClose());
            assertThat(back[i].inferenceMillis()).isEqualTo(3.5);
            for (int h = 0; h < 2; h++) {
                HorizonForecast want = fs.get(i).horizons().get(h);
                HorizonForecast got = back[i].horizons().get(h);
                assertThat(got.horizon()).isEqualTo(want.horizon());
                assertThat(got.targetTime()).isEqualTo(want.targetTime());
                assertThat(got.mean()).isEqualTo(want.mean());
                assertThat(got.std()).isEqualTo(want.std());
                assertThat(got.quantiles()).isEqualTo(want.quantiles());
            }
        }
    }

    @Test
    void anotherModelVersionOrRequestSettingIsAMiss() {
        List<ForecastRequest> rs = List.of(request(10, 0));
        ForecastCache cache = new ForecastCache(db);
        cache.write(KEY, rs, List.of(forecast(rs.get(0), "v1", 1.101)));
        assertThat(cache.read("rw", "v2", KEY, rs)[0]).isNull();
        assertThat(cache.read("rw", "v1", KEY.replace("s=20", "s=50"), rs)[0]).isNull();
        assertThat(cache.read("rw", "v1", KEY, rs)[0]).isNotNull();
    }

    @Test
    void aWindowThatChangedSinceIsAMissAndRewritingReplacesTheRow() throws Exception {
        ForecastCache cache = new ForecastCache(db);
        List<ForecastRequest> before = List.of(request(10, 0));
        cache.write(KEY, before, List.of(forecast(before.get(0), "v1", 1.101)));
        // The same bar time, but the stored bars were corrected: the cached forecast was made from other data.
        List<ForecastRequest> corrected = List.of(request(10, 0.0003));
        assertThat(cache.read("rw", "v1", KEY, corrected)[0]).isNull();
        cache.write(KEY, corrected, List.of(forecast(corrected.get(0), "v1", 1.1042)));
        assertThat(cache.read("rw", "v1", KEY, corrected)[0].horizons().get(0).mean()).isEqualTo(1.1042);
        assertThat(cache.read("rw", "v1", KEY, before)[0]).isNull();
        try (var c = db.connection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM forecast_cache")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1);
        }
    }
}
