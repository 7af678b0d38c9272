package com.forexdiffusion.web.forecast;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.CandleStore;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.web.http.ApiException;
import com.forexdiffusion.web.settings.Ldm4tsSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest (or an as-of) forecast of a stored series, as {@code fxd forecast} makes it: a baseline is fitted on the
 * bars before the forecast time, LDM4TS is used as loaded. Horizons and samples come from the settings, so a saved
 * setting changes the next forecast. Recent forecasts are kept by their inputs, so reloading a page is cheap.
 */
public final class ForecastService {
    static final int TRAIN_BARS = 5000;
    static final int MIN_TRAIN_BARS = 1100;
    private final CandleStore candles;
    private final ForecasterCatalog catalog;
    private final Map<String, Result> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Result> e) {
            return size() > 64;
        }
    };

    /** A forecast with the bars it was made from (up to and including its bar). */
    public record Result(Forecast forecast, BarSeries bars) {
    }

    public ForecastService(CandleStore candles, ForecasterCatalog catalog) {
        this.candles = candles;
        this.catalog = catalog;
    }

    public Result forecast(String symbol, Timeframe tf, String name, long at, Ldm4tsSettings settings) {
        if (!catalog.names().contains(name)) {
            throw ApiException.badField("forecaster", "unknown forecaster '" + name + "' (available: "
                    + String.join(", ", catalog.names()) + ")");
        }
        List<Horizon> horizons = settings.horizons().stream().map(Horizon::new).toList();
        for (Horizon h : horizons) {
            try {
                h.bars(tf);
            } catch (BadInputException e) {
                throw ApiException.badField("timeframe", "the settings' horizon " + h + " is not a whole number of "
                        + tf + " bars");
            }
        }
        BarSeries bars = candles.read(symbol, tf, Long.MIN_VALUE, at == Long.MAX_VALUE ? at : at + 1);
        if (bars.isEmpty()) {
            throw ApiException.notFound("no " + symbol + " " + tf + " bars stored" + (at == Long.MAX_VALUE ? ""
                    : " at or before " + java.time.Instant.ofEpochMilli(at)));
        }
        String key = String.join("|", symbol, tf.name(), name, Long.toString(bars.lastTs()), horizons.toString(),
                Integer.toString(settings.mcSamples()), String.valueOf(settings.checkpoint()));
        synchronized (recent) {
            Result hit = recent.get(key);
            if (hit != null) {
                return hit;
            }
        }
        Result r = new Result(compute(bars, name, horizons, settings), bars);
        synchronized (recent) {
            recent.put(key, r);
        }
        return r;
    }

    private Forecast compute(BarSeries bars, String name, List<Horizon> horizons, Ldm4tsSettings settings) {
        int n = bars.size();
        boolean model = name.equals(ForecasterCatalog.LDM4TS);
        if (!model && n < MIN_TRAIN_BARS + 1) {
            throw ApiException.badField("symbol", "a " + name + " forecast needs at least " + (MIN_TRAIN_BARS + 1)
                    + " bars of " + bars.symbol() + " " + bars.timeframe() + ", " + n + " are stored");
        }
        int train = Math.min(TRAIN_BARS, n - 1);
        Forecaster f;
        try {
            f = catalog.factory(name, horizons, settings.checkpoint()).fit(bars.slice(n - train - 1, n));
            int from = Math.max(0, n - f.lookback() - 1);
            if (n - from < f.lookback()) {
                throw ApiException.badField("symbol", f.name() + " reads " + f.lookback() + " bars, " + n + " are stored");
            }
            return f.forecast(new ForecastRequest(bars.slice(from, n), horizons, settings.mcSamples(), 42, false));
        } catch (BadInputException e) {
            throw ApiException.badField(e.field() == null ? "forecaster" : e.field(), e.reason());
        }
    }
}
