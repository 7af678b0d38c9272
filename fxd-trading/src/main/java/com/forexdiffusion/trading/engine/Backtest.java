package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxMarketHours;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.trading.broker.Broker;
import com.forexdiffusion.trading.regime.RegimeDetector;
import com.forexdiffusion.trading.report.PerformanceMetrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A backtest: the engine fed with stored bars in time order, decisions at each bar close from {@code start} on.
 * Forecasts are computed in batches beforehand (each from its own window ending at its bar, so precomputing reads
 * nothing a live run would not have had) and cached by bar index.
 */
public final class Backtest {
    static final int BATCH = 256;

    private Backtest() {
    }

    /** Trades, equity at the close of each New York trading day, and the figures. */
    public record Result(List<TradeRecord> trades, List<LocalDate> days, double[] dailyEquity,
                         PerformanceMetrics metrics, long forecasts, long startTime, long endTime) {
    }

    public static Result run(BarSeries bars, int start, Forecaster forecaster, StrategyConfig cfg, Broker broker,
                             InstrumentCatalog instruments, RegimeDetector.Estimate[] regimes,
                             ProgressListener progress) {
        Map<Integer, Forecast> cache = new HashMap<>();
        int first = Math.max(start, cfg.lookback());
        int n = bars.size();
        long total = (long) (n - first) * 2;
        long done = 0;
        for (int i = first; i < n; i += BATCH) {
            List<ForecastRequest> reqs = new ArrayList<>();
            int to = Math.min(n, i + BATCH);
            for (int k = i; k < to; k++) {
                reqs.add(ForecastEngine.request(bars, k, cfg));
            }
            List<Forecast> out = forecaster.forecastBatch(reqs);
            for (int k = i; k < to; k++) {
                cache.put(k, out.get(k - i));
            }
            done += to - i;
            progress.update(done, total);
        }
        ForecastEngine engine = new ForecastEngine(bars, forecaster, cache::get, broker, cfg, instruments, regimes);
        List<LocalDate> days = new ArrayList<>();
        List<Double> equity = new ArrayList<>();
        // The first point is the equity before any decision, dated the trading day before the first bar's.
        days.add(FxMarketHours.tradingDate(bars.ts(start)).minusDays(1));
        equity.add(broker.equity());
        days.add(FxMarketHours.tradingDate(bars.ts(start)));
        equity.add(broker.equity());
        for (int i = start; i < n; i++) {
            EngineEvent.BarClosed e = new EngineEvent.BarClosed(bars.symbol(), bars.timeframe(), bars.bar(i), i);
            engine.on(e);
            LocalDate d = FxMarketHours.tradingDate(e.time());
            if (!d.equals(days.get(days.size() - 1))) {
                days.add(d);
                equity.add(broker.equity());
            } else {
                equity.set(equity.size() - 1, broker.equity());
            }
            if (++done % 1000 == 0) {
                progress.update(done, total);
            }
        }
        progress.update(total, total);
        double[] eq = equity.stream().mapToDouble(Double::doubleValue).toArray();
        List<TradeRecord> trades = engine.trades();
        double calendarDays = (bars.ts(n - 1) - bars.ts(start)) / 86_400_000.0;
        PerformanceMetrics m = eq.length >= 2
                ? PerformanceMetrics.of(eq, calendarDays, trades.stream().map(TradeRecord::netPnl).toList())
                : null;
        return new Result(trades, List.copyOf(days), eq, m, cache.size(), bars.ts(start), bars.timeframe().next(bars.ts(n - 1)));
    }
}
