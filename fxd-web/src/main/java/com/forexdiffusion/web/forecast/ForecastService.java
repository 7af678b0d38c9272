package com.forexdiffusion.web.forecast;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.CandleStore;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.conformal.CalibrationConfig;
import com.forexdiffusion.forecast.conformal.CalibrationMode;
import com.forexdiffusion.forecast.conformal.OnlineCalibrator;
import com.forexdiffusion.trading.engine.ForecastCache;
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
    static final int REPLAY_EXTRA = 100;
    private final CandleStore candles;
    private final ForecasterCatalog catalog;
    private final ForecastCache store;
    private final Map<String, Result> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Result> e) {
            return size() > 64;
        }
    };

    /** A forecast with the bars it was made from (up to and including its bar). */
    public record Result(Forecast forecast, BarSeries bars) {
    }

    /**
     * The forecast at the last bar as trading sees it: calibrated by an {@link OnlineCalibrator} that was fed the
     * forecasts and outcomes of the {@code replayed} bars before it, in time order, as a paper session feeds it.
     *
     * @param calibrated the calibrated forecast, or null while a horizon is still warming up (a session would
     *                   stand aside)
     * @param raw        the same forecast before calibration
     */
    public record Calibrated(Forecast raw, Forecast calibrated, BarSeries bars, int replayed,
                             OnlineCalibrator.Summary summary) {
    }

    private final Map<String, Calibrated> calibratedRecent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Calibrated> e) {
            return size() > 16;
        }
    };

    public ForecastService(CandleStore candles, ForecasterCatalog catalog) {
        this(candles, catalog, null);
    }

    /**
     * @param store where the replayed LDM4TS forecasts are kept (the backtest's forecast cache), or null: its
     *              version names its weights, so after a new bar only that bar's forecast is made. Baselines are
     *              refitted per replay (a new version each time) and cheap, so theirs are not stored.
     */
    public ForecastService(CandleStore candles, ForecasterCatalog catalog, ForecastCache store) {
        this.candles = candles;
        this.catalog = catalog;
        this.store = store;
    }

    public Result forecast(String symbol, Timeframe tf, String name, long at, Ldm4tsSettings settings) {
        if (!catalog.names().contains(name)) {
            throw ApiException.badField("forecaster", "unknown forecaster '" + name + "' (available: "
                    + String.join(", ", catalog.names()) + ")");
        }
        List<Horizon> horizons = horizons(tf, settings);
        BarSeries bars = bars(symbol, tf, at);
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

    /**
     * The calibrated forecast at {@code at}: the forecaster is fitted on the bars before the replay, then forecasts
     * each replayed bar; the calibrator learns from the outcomes known at each (warm-up, the longest horizon and
     * {@value #REPLAY_EXTRA} bars of adaptation), so the last forecast reads nothing after {@code at}.
     */
    public Calibrated calibrated(String symbol, Timeframe tf, String name, long at, Ldm4tsSettings settings,
                                 CalibrationConfig cal) {
        List<Horizon> horizons = horizons(tf, settings);
        BarSeries bars = bars(symbol, tf, at);
        String key = String.join("|", "cal", cal.toString(), symbol, tf.name(), name, Long.toString(bars.lastTs()),
                horizons.toString(), Integer.toString(settings.mcSamples()), String.valueOf(settings.checkpoint()));
        synchronized (calibratedRecent) {
            Calibrated hit = calibratedRecent.get(key);
            if (hit != null) {
                return hit;
            }
        }
        int longest = horizons.stream().mapToInt(h -> h.bars(tf)).max().orElse(1);
        int replay = cal.mode() == CalibrationMode.NONE ? 1 : cal.warmup() + longest + REPLAY_EXTRA;
        Calibrated c = replay(bars, name, horizons, settings, cal, replay);
        synchronized (calibratedRecent) {
            calibratedRecent.put(key, c);
        }
        return c;
    }

    private Calibrated replay(BarSeries bars, String name, List<Horizon> horizons, Ldm4tsSettings settings,
                              CalibrationConfig cal, int replay) {
        int n = bars.size();
        int start = n - replay;
        if (start < MIN_TRAIN_BARS) {
            throw ApiException.badField("symbol", "calibrated signals of " + name + " need " + (MIN_TRAIN_BARS + replay)
                    + " bars of " + bars.symbol() + " " + bars.timeframe() + " (fit, then " + replay
                    + " bars of calibration), " + n + " are stored");
        }
        try {
            Forecaster f = catalog.factory(name, horizons, settings.checkpoint())
                    .fit(bars.slice(start - Math.min(TRAIN_BARS, start), start));
            // Each window ends at its own bar, and no forecast depends on the calibrator, so they can be made in one
            // batch (as a backtest precomputes them); the calibrator then sees them strictly in time order.
            List<ForecastRequest> requests = new java.util.ArrayList<>(replay);
            for (int i = start; i < n; i++) {
                int from = Math.max(0, i + 1 - f.lookback());
                requests.add(new ForecastRequest(bars.slice(from, i + 1), horizons, settings.mcSamples(), 42, false));
            }
            List<Forecast> made = batch(f, name, requests, settings);
            OnlineCalibrator calibrator = new OnlineCalibrator(cal);
            Forecast raw = null;
            Forecast issued = null;
            for (int i = start; i < n; i++) {
                calibrator.onBarClose(bars.ts(i), bars.close(i));
                raw = made.get(i - start);
                issued = calibrator.calibrate(raw).orElse(null);
            }
            return new Calibrated(raw, issued, bars, replay, calibrator.summary());
        } catch (BadInputException e) {
            throw ApiException.badField(e.field() == null ? "forecaster" : e.field(), e.reason());
        }
    }

    private List<Forecast> batch(Forecaster f, String name, List<ForecastRequest> requests, Ldm4tsSettings settings) {
        if (store == null || !name.equals(ForecasterCatalog.LDM4TS)) {
            return f.forecastBatch(requests);
        }
        String key = "dashboard;h=" + settings.horizons().stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(",")) + ";s=" + settings.mcSamples() + ";seed=42;lookback="
                + f.lookback();
        Forecast[] got = store.read(f.name(), f.version(), key, requests);
        List<ForecastRequest> missing = new java.util.ArrayList<>();
        for (int k = 0; k < got.length; k++) {
            if (got[k] == null) {
                missing.add(requests.get(k));
            }
        }
        List<Forecast> made = missing.isEmpty() ? List.of() : f.forecastBatch(missing);
        store.write(key, missing, made);
        List<Forecast> out = new java.util.ArrayList<>(got.length);
        for (int k = 0, m = 0; k < got.length; k++) {
            out.add(got[k] != null ? got[k] : made.get(m++));
        }
        return out;
    }

    private List<Horizon> horizons(Timeframe tf, Ldm4tsSettings settings) {
        List<Horizon> horizons = settings.horizons().stream().map(Horizon::new).toList();
        for (Horizon h : horizons) {
            try {
                h.bars(tf);
            } catch (BadInputException e) {
                throw ApiException.badField("timeframe", "the settings' horizon " + h + " is not a whole number of "
                        + tf + " bars");
            }
        }
        return horizons;
    }

    private BarSeries bars(String symbol, Timeframe tf, long at) {
        BarSeries bars = candles.read(symbol, tf, Long.MIN_VALUE, at == Long.MAX_VALUE ? at : at + 1);
        if (bars.isEmpty()) {
            throw ApiException.notFound("no " + symbol + " " + tf + " bars stored" + (at == Long.MAX_VALUE ? ""
                    : " at or before " + java.time.Instant.ofEpochMilli(at)));
        }
        return bars;
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
