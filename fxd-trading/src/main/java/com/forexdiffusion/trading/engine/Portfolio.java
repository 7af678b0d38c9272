package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxMarketHours;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.data.feed.BarEvent;
import com.forexdiffusion.data.feed.HistoricalFeed;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.trading.broker.fill.SimulatedBroker;
import com.forexdiffusion.trading.regime.RegimeDetector;
import com.forexdiffusion.trading.report.PerformanceMetrics;
import com.forexdiffusion.trading.skill.SkillGate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Several symbols traded on one account: one engine per symbol on the shared broker, fed by one
 * {@link HistoricalFeed} that merges their bar events in time order (bars closing at the same instant in the order the
 * legs are given), so that the maximum of open positions,
 * one position per symbol, margin and equity bind across symbols and correlation safety sees the other symbols'
 * positions.
 */
public final class Portfolio {
    private Portfolio() {
    }

    /**
     * One symbol: its bars, forecasts by bar index (raw; null: forecast on each event, as a paper session does),
     * regimes by bar index (or null) and first decision bar.
     */
    public record Leg(BarSeries bars, Forecaster forecaster, Function<Integer, Forecast> forecasts,
                      RegimeDetector.Estimate[] regimes, int start) {
    }

    /** The account's figures and each symbol's own (its trades only; equity is the account's). */
    public record Result(Backtest.Result account, Map<String, List<TradeRecord>> bySymbol) {
    }

    public static Result run(List<Leg> legs, StrategyConfig cfg, SimulatedBroker broker, InstrumentCatalog instruments,
                             SignalTuning tuning, int correlationWindow, ProgressListener progress) {
        Map<String, BarSeries> series = new LinkedHashMap<>();
        legs.forEach(l -> series.put(l.bars().symbol(), l.bars()));
        Correlations rho = Correlations.ofReturns(series, correlationWindow);
        List<ForecastEngine> engines = new ArrayList<>();
        for (Leg l : legs) {
            engines.add(new ForecastEngine(l.bars(), l.forecaster(), l.forecasts(), broker, cfg, instruments,
                    l.regimes(), tuning).withCorrelations(legs.size() > 1 ? rho : null));
        }
        int[] starts = new int[legs.size()];
        Map<String, Integer> legOf = new java.util.HashMap<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int k = 0; k < legs.size(); k++) {
            Leg l = legs.get(k);
            starts[k] = l.start();
            legOf.put(l.bars().symbol(), k);
            first = Math.min(first, l.bars().ts(l.start()));
            last = Math.max(last, l.bars().timeframe().next(l.bars().lastTs()));
        }
        HistoricalFeed feed = HistoricalFeed.of(legs.stream().map(Leg::bars).toList(), starts);
        long total = feed.remaining();
        List<LocalDate> days = new ArrayList<>(List.of(FxMarketHours.tradingDate(first).minusDays(1),
                FxMarketHours.tradingDate(first)));
        List<Double> equity = new ArrayList<>(List.of(broker.equity(), broker.equity()));
        double[] barEquity = new double[(int) total + 1];
        barEquity[0] = broker.equity();
        long done = 0;
        for (java.util.Optional<BarEvent> next = feed.next(); next.isPresent(); next = feed.next()) {
            BarEvent b = next.get();
            EngineEvent.BarClosed e = new EngineEvent.BarClosed(b.symbol(), b.timeframe(), b.bar(), b.index());
            engines.get(legOf.get(b.symbol())).on(e);
            double eq = broker.equity();
            barEquity[(int) ++done] = eq;
            LocalDate d = FxMarketHours.tradingDate(e.time());
            if (!d.equals(days.get(days.size() - 1))) {
                days.add(d);
                equity.add(eq);
            } else {
                equity.set(equity.size() - 1, eq);
            }
            if (done % 1000 == 0) {
                progress.update(done, total);
            }
        }
        progress.update(total, total);
        List<TradeRecord> trades = new ArrayList<>();
        List<OrderDecision> orders = new ArrayList<>();
        Map<String, List<TradeRecord>> bySymbol = new LinkedHashMap<>();
        long forecasts = 0;
        for (int k = 0; k < legs.size(); k++) {
            trades.addAll(engines.get(k).trades());
            orders.addAll(engines.get(k).orders());
            bySymbol.put(legs.get(k).bars().symbol(), engines.get(k).trades());
            Leg l = legs.get(k);
            for (int i = Math.max(l.start(), cfg.lookback()); l.forecasts() != null && i < l.bars().size(); i++) {
                if (l.forecasts().apply(i) != null) {
                    forecasts++;
                }
            }
        }
        trades.sort(java.util.Comparator.comparingLong(TradeRecord::closedAt).thenComparing(TradeRecord::positionId));
        orders.sort(java.util.Comparator.comparingLong(OrderDecision::time));
        double[] eq = equity.stream().mapToDouble(Double::doubleValue).toArray();
        PerformanceMetrics m = PerformanceMetrics.of(eq, (last - first) / 86_400_000.0,
                trades.stream().map(TradeRecord::netPnl).toList()).withBarDrawdown(barEquity, (int) done + 1);
        ForecastEngine e0 = engines.get(0);
        Map<String, SkillGate.Summary> gates = new LinkedHashMap<>();
        for (int k = 0; k < legs.size(); k++) {
            gates.put(legs.get(k).bars().symbol(), engines.get(k).skillGate());
        }
        return new Result(new Backtest.Result(trades, List.copyOf(days), eq, m, forecasts, first, last, 0, orders,
                e0.calibration(), e0.uncertainty(), gates), bySymbol);
    }

    /** One symbol's trade figures for metrics.json's by_symbol: trades, wins, win rate, net P&L, costs, profit factor. */
    public static Map<String, Object> symbolFigures(List<TradeRecord> trades) {
        Map<String, Object> m = new LinkedHashMap<>();
        long wins = trades.stream().filter(t -> t.netPnl() > 0).count();
        double gains = trades.stream().mapToDouble(TradeRecord::netPnl).filter(x -> x > 0).sum();
        double losses = -trades.stream().mapToDouble(TradeRecord::netPnl).filter(x -> x < 0).sum();
        m.put("trades", trades.size());
        m.put("wins", wins);
        m.put("win_rate", trades.isEmpty() ? null : (double) wins / trades.size());
        m.put("net_pnl", trades.stream().mapToDouble(TradeRecord::netPnl).sum());
        m.put("costs_paid", trades.stream().mapToDouble(TradeRecord::costsPaid).sum());
        m.put("profit_factor", losses > 0 ? gains / losses : null);
        return m;
    }
}
