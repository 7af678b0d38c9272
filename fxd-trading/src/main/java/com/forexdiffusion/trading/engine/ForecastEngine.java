package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.conformal.OnlineCalibrator;
import com.forexdiffusion.trading.broker.Broker;
import com.forexdiffusion.trading.broker.ClosedTrade;
import com.forexdiffusion.trading.broker.Execution;
import com.forexdiffusion.trading.broker.OrderResult;
import com.forexdiffusion.trading.broker.PendingOrder;
import com.forexdiffusion.trading.broker.Position;
import com.forexdiffusion.trading.broker.Side;
import com.forexdiffusion.trading.broker.fill.SimulatedBroker;
import com.forexdiffusion.trading.risk.Exposure;
import com.forexdiffusion.trading.ranking.ScoredSignal;
import com.forexdiffusion.trading.ranking.SignalRanker;
import com.forexdiffusion.trading.regime.RegimeDetector;
import com.forexdiffusion.trading.risk.RiskManager;
import com.forexdiffusion.trading.signal.Direction;
import com.forexdiffusion.trading.signal.Signal;
import com.forexdiffusion.trading.sizing.PositionSizer;
import com.forexdiffusion.trading.skill.SkillGate;
import com.forexdiffusion.trading.sizing.SizingDecision;
import com.forexdiffusion.trading.sizing.SizingRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The event-driven engine shared by backtest, paper and live trading (DESIGN "Engine"). On each closed bar of a
 * symbol it hands the bar to the simulated broker (resting entries, stops, targets, swap) and takes the broker's
 * executions, applies the risk limits, closes positions whose signal has expired, and, when allowed, turns the
 * forecast for that bar into scored, ranked, sized orders (market, stop or limit entries, each admitted against
 * the account's total exposure). It
 * reads only the bars up to the event (the series it is given is cut at the event's index), and every decision is
 * a function of the events so far, so a replay decides exactly as the original run did.
 * <p>
 * Every forecast, cached or fresh, is raw; the engine calibrates it ({@link OnlineCalibrator}, SPEC §7) before
 * signals, u and sizing read it, so the forecast cache never depends on the calibration setting. While the
 * calibrator is warming up the engine stands aside. So it does while the skill gate ({@link SkillGate}) finds no
 * skill in the forecaster's rolling record of resolved forecasts against the random walk.
 */
public final class ForecastEngine {
    private final BarSeries series;
    private final Forecaster forecaster;
    private final Function<Integer, Forecast> forecastCache;
    private final Broker broker;
    /** The same broker as the market that fills it: a live broker would see prices itself. */
    private final SimulatedBroker market;
    private final EntryOrders entries;
    private final StrategyConfig cfg;
    private final InstrumentCatalog instruments;
    private final RegimeDetector.Estimate[] regimes;
    private final SignalScoring scoring;
    private final SignalRanker ranker;
    private final PositionSizer sizer;
    private final PositionSizer sizerWithoutUncertainty;
    private final OnlineCalibrator calibrator;
    private final SkillGate gate;
    private final UncertaintyEffects uncertainty = new UncertaintyEffects();
    private final List<OrderDecision> orders = new ArrayList<>();
    private final RiskManager risk;
    private final Map<String, Signal> signalOf = new HashMap<>();
    private final Map<String, Double> qualityOf = new HashMap<>();
    private final Map<String, String> regimeOf = new HashMap<>();
    private final List<TradeRecord> trades = new ArrayList<>();
    private final List<Double> pnls = new ArrayList<>();
    private double peakEquity;
    private Correlations correlations;

    /**
     * @param forecastCache forecasts precomputed by bar index (a backtest computes them in batches), or null to
     *                      forecast on each event (paper and live)
     * @param regimes       regime estimates by bar index, or null when no detector is used
     */
    public ForecastEngine(BarSeries series, Forecaster forecaster, Function<Integer, Forecast> forecastCache,
                          SimulatedBroker broker, StrategyConfig cfg, InstrumentCatalog instruments,
                          RegimeDetector.Estimate[] regimes) {
        this(series, forecaster, forecastCache, broker, cfg, instruments, regimes, SignalTuning.defaults());
    }

    /** As above, with the signal settings an optimisation tunes (quality threshold, stop/target multiples, ...). */
    public ForecastEngine(BarSeries series, Forecaster forecaster, Function<Integer, Forecast> forecastCache,
                          SimulatedBroker broker, StrategyConfig cfg, InstrumentCatalog instruments,
                          RegimeDetector.Estimate[] regimes, SignalTuning tuning) {
        this.scoring = new SignalScoring(cfg, tuning);
        this.series = series;
        this.forecaster = forecaster;
        this.forecastCache = forecastCache;
        this.broker = broker;
        this.market = broker;
        this.entries = new EntryOrders(cfg.entry());
        this.cfg = cfg;
        this.instruments = instruments;
        this.regimes = regimes;
        this.ranker = new SignalRanker(cfg.minStrength(), cfg.topN());
        this.sizer = new PositionSizer(cfg.sizing());
        this.sizerWithoutUncertainty = new PositionSizer(cfg.sizing().withUncertaintyScaling(false));
        this.calibrator = new OnlineCalibrator(cfg.calibration());
        this.gate = new SkillGate(cfg.skillGate(), cfg.horizons(), cfg.lookback());
        this.risk = new RiskManager(cfg.risk());
        this.peakEquity = broker.equity();
    }

    /** The forecast request for the bar at {@code index}: the lookback window ending there, seeded by its time. */
    public static ForecastRequest request(BarSeries series, int index, StrategyConfig cfg) {
        int from = Math.max(0, index - cfg.lookback() + 1);
        return new ForecastRequest(series.slice(from, index + 1), cfg.horizons(), cfg.samples(),
                cfg.seed() ^ series.ts(index), false);
    }

    public void on(EngineEvent event) {
        if (!(event instanceof EngineEvent.BarClosed b)) {
            return;
        }
        String sym = Instrument.normalise(b.symbol());
        // First of all: outcomes that this bar's close makes known, so the forecast below is calibrated on them.
        calibrator.onBarClose(b.bar().ts(), b.bar().close());
        gate.onBarClose(b.bar().ts(), b.bar().close());
        market.onBar(sym, b.timeframe(), b.bar());
        broker.executions(sym).forEach(this::executed);
        long now = b.time();
        Map<String, Double> bid = Map.of(sym, b.bar().close());
        // On one account with other symbols' engines, this engine manages (and prices) only its own positions.
        List<Position> open = broker.openPositions();
        List<Position> mine = open;
        for (Position p : open) {
            if (!p.symbol().equals(sym)) {
                mine = open.stream().filter(q -> q.symbol().equals(sym)).toList();
                break;
            }
        }
        RiskManager.Actions act = risk.onBar(now, broker.equity(), mine, bid, s -> instruments.resolve(s).pipSize());
        List<String> toClose = new ArrayList<>(act.close());
        for (Position p : mine) {
            Signal s = signalOf.get(p.id());
            if (s != null && now >= s.validUntil() && !toClose.contains(p.id())) {
                toClose.add(p.id());
            }
        }
        for (String id : toClose) {
            record(broker.close(id, b.bar().close(), now, act.flattenAll() ? "daily-loss" : "expired"));
        }
        if (act.flattenAll()) {
            for (PendingOrder o : broker.pendingOrders()) {
                if (o.symbol().equals(sym)) {
                    broker.cancel(o.id(), now, "daily-loss: trading stopped for the day");
                    forget(o.id());
                }
            }
        }
        act.newStops().forEach((id, stop) -> {
            if (broker.openPositions().stream().anyMatch(p -> p.id().equals(id))) {
                broker.modifyStop(id, stop, now);
            }
        });
        peakEquity = Math.max(peakEquity, broker.equity());
        forecastAndDecide(sym, b, now);
    }

    private void forecastAndDecide(String sym, EngineEvent.BarClosed b, long now) {
        boolean mayOpen = risk.mayOpen(broker.openPositions().size() + broker.pendingOrders().size());
        // A calibrator sees every bar's forecast, not only those of bars where the risk manager lets the engine
        // open: otherwise what it learns, and so later stops and sizes, would depend on past trading results. The
        // skill gate's record likewise holds every bar's forecast.
        if (b.index() < cfg.lookback() || !mayOpen && !calibrator.active() && !gate.enabled()) {
            return;
        }
        Forecast raw = forecastCache != null ? forecastCache.apply(b.index())
                : forecaster.forecast(request(series.slice(0, b.index() + 1), b.index(), cfg));
        if (raw == null) {
            // A cache without a forecast for this bar (none could be made) means: no decision here.
            return;
        }
        Optional<Forecast> calibrated = calibrator.calibrate(raw);
        // The gate judges the forecast as it would be traded: calibrated where the calibrator issued one.
        gate.observe(calibrated.orElse(raw), series, b.index());
        if (mayOpen && calibrated.isPresent()) {
            decide(sym, b, calibrated.get(), now);
        }
    }

    private void decide(String sym, EngineEvent.BarClosed b, Forecast f, long now) {
        RegimeDetector.Estimate regime = regimes == null ? null : regimes[b.index()];
        List<ScoredSignal> scored = scoring.score(f, regime, BarFigures.volumeRatio(series, b.index(),
                cfg.volumeWindow()), t -> BarFigures.higherTimeframes(series, cfg.quality().mtfTimeframes(), t),
                this::correlationRisk, ranker, uncertainty);
        java.util.Set<String> held = new java.util.HashSet<>();
        broker.openPositions().forEach(p -> held.add(p.symbol()));
        broker.pendingOrders().forEach(o -> held.add(o.symbol()));
        List<ScoredSignal> chosen = ranker.select(scored, held);
        if (!gate.allows(now, chosen.size())) {
            return;
        }
        for (ScoredSignal best : chosen) {
            Optional<Signal> planned = entries.plan(best.signal(), f, instruments.resolve(sym).pipSize());
            if (planned.isEmpty()) {
                continue;
            }
            Signal s = planned.get();
            SizingRequest req = sizingRequest(s, sym, regime, b.index());
            double lots = lots(sizer.size(req), sym, b.bar().close());
            uncertainty.sized(lots, lots(sizerWithoutUncertainty.size(req), sym, b.bar().close()));
            if (lots <= 0) {
                continue;
            }
            RiskManager.Admission admitted = admit(s, sym, lots);
            if (admitted.rejected()) {
                orders.add(OrderDecision.of(now, s, lots, false, admitted.reason()));
                continue;
            }
            OrderResult r = broker.submit(entries.order(s, admitted.lots(), b.bar().close(), now));
            orders.add(OrderDecision.of(now, s, admitted.lots(), r.accepted(),
                    r.accepted() ? admitted.reason() : r.rejection()));
            if (r.accepted()) {
                remember(r.resting() ? r.orderId() : r.position().id(), s, best, regime);
            }
        }
    }

    /** SPEC §7 total exposure across every symbol of the account, resting entries included. */
    private RiskManager.Admission admit(Signal s, String sym, double lots) {
        Instrument inst = instruments.resolve(sym);
        double perLot = inst.contractSize() * broker.quoteToAccount(sym, s.entry());
        Exposure committed = Exposure.of(broker, x -> instruments.resolve(x).contractSize());
        return risk.admit(committed, lots, perLot * s.stopDistance(), perLot * s.entry(), broker.equity(),
                cfg.sizing().lotStep());
    }

    private void remember(String id, Signal s, ScoredSignal best, RegimeDetector.Estimate regime) {
        signalOf.put(id, s);
        qualityOf.put(id, best.quality().composite());
        if (regime != null) {
            regimeOf.put(id, regime.regime().name());
        }
    }

    /** What the broker did on its own: a closed position is a trade; a filled entry carries its signal over. */
    private void executed(Execution x) {
        switch (x.kind()) {
            case CLOSED -> record(x.closed());
            case FILLED -> {
                rekey(signalOf, x.orderId(), x.opened().id());
                rekey(qualityOf, x.orderId(), x.opened().id());
                rekey(regimeOf, x.orderId(), x.opened().id());
            }
            case EXPIRED, REJECTED -> forget(x.orderId());
        }
    }

    private static <V> void rekey(Map<String, V> m, String from, String to) {
        V v = m.remove(from);
        if (v != null) {
            m.put(to, v);
        }
    }

    private void forget(String id) {
        signalOf.remove(id);
        qualityOf.remove(id);
        regimeOf.remove(id);
    }

    /**
     * The risk a signal adds through open positions in correlated symbols (SPEC §7 correlation safety), from the
     * correlations of returns up to the signal's time; 0 without a correlation source.
     */
    private double correlationRisk(Signal s) {
        List<Position> open = broker.openPositions();
        if (correlations == null || open.isEmpty()) {
            return 0;
        }
        Map<String, Double> row = new HashMap<>();
        for (Position p : open) {
            if (!p.symbol().equals(s.symbol())) {
                row.put(p.symbol(), correlations.rho(s.symbol(), p.symbol(), s.time()));
            }
        }
        Side side = s.direction() == Direction.BULL ? Side.BUY : Side.SELL;
        return com.forexdiffusion.trading.ranking.CorrelationRisk.of(s.symbol(), side, open, Map.of(s.symbol(), row));
    }

    /** Correlations between symbols' returns for the quality score's correlation safety (null: none). */
    public ForecastEngine withCorrelations(Correlations c) {
        this.correlations = c;
        return this;
    }

    private SizingRequest sizingRequest(Signal s, String sym, RegimeDetector.Estimate regime, int index) {
        Instrument inst = instruments.resolve(sym);
        double openRisk = 0;
        for (Position p : broker.openPositions()) {
            if (p.stop() != null) {
                Instrument pi = instruments.resolve(p.symbol());
                openRisk += Math.abs(p.entry() - p.stop()) * p.lots() * pi.contractSize()
                        * broker.quoteToAccount(p.symbol(), p.entry());
            }
        }
        double forecastVolPct = 100 * s.metadata().sigma() / s.entry();
        double realisedVolPct = 100 * BarFigures.realisedVol(series, index, cfg.lookback())
                * Math.sqrt(s.horizon().bars(series.timeframe()));
        return new SizingRequest(s.entry(), s.stop(), s.metadata().uncertaintyPct(),
                regime == null ? null : regime.regime(), broker.equity(), peakEquity, inst.contractSize(),
                broker.quoteToAccount(sym, s.entry()), openRisk, pnls, forecastVolPct, realisedVolPct);
    }

    /**
     * The lots to order (0 for none): the sizer bounds risk at the stop, the broker's margin bounds the notional;
     * the smaller, on the lot grid, rounded down.
     */
    private double lots(SizingDecision size, String sym, double close) {
        if (size.rejected()) {
            return 0;
        }
        double step = cfg.sizing().lotStep();
        double lots = Math.min(size.lots(), Math.floor(broker.maxLots(sym, close) / step + 1e-9) * step);
        return java.math.BigDecimal.valueOf(step).multiply(java.math.BigDecimal.valueOf(Math.round(lots / step)))
                .doubleValue();
    }

    private void record(ClosedTrade t) {
        Position p = t.position();
        Signal s = signalOf.remove(p.id());
        Double q = qualityOf.remove(p.id());
        String regime = regimeOf.remove(p.id());
        trades.add(new TradeRecord(p.id(), p.symbol(), p.side(), p.lots(), p.openedAt(), p.entry(), t.closedAt(),
                t.exitPrice(), t.reason(), t.pricePnl(), p.swap(), p.commission(), t.netPnl(),
                s == null ? null : s.id(), s == null ? Double.NaN : s.metadata().uncertaintyPct(),
                q == null ? Double.NaN : q, regime, t.spreadCost()));
        pnls.add(t.netPnl());
    }

    private static <V> void retainOpen(Map<String, V> saved, Map<String, V> into, java.util.Set<String> open) {
        into.clear();
        saved.forEach((id, v) -> {
            if (open.contains(id)) {
                into.put(id, v);
            }
        });
    }

    public List<TradeRecord> trades() {
        return List.copyOf(trades);
    }

    /** Every order this engine sent to the broker, in order (figures of this process, not part of {@link State}). */
    public List<OrderDecision> orders() {
        return List.copyOf(orders);
    }

    /** Calibration settings, coverage of the intervals resolved so far and the forecasts withheld in the warm-up. */
    public OnlineCalibrator.Summary calibration() {
        return calibrator.summary();
    }

    /** The skill gate's setting, its verdict now and what it held back. */
    public SkillGate.Summary skillGate() {
        return gate.summary();
    }

    /** What uncertainty changed in this engine's decisions (figures of this process, not part of {@link State}). */
    public UncertaintyEffects.Summary uncertainty() {
        return uncertainty.summary();
    }

    /**
     * Everything the engine remembers between events besides the broker's own state: the signal, quality and
     * regime behind each open position (expiry, trade records), the trade results (Kelly sizing), the equity peak
     * (drawdown scaling), the risk manager's day and the calibrator (its scores, levels and the forecasts awaiting
     * their outcome). With the broker's persisted state it is enough to continue a paper session after a restart
     * exactly as if it had not stopped.
     *
     * @param calibration null in states saved before calibration existed: the calibrator then starts afresh
     * @param skillGate   the gate's record (pending and resolved forecasts) and counts; null in states saved before
     *                    the gate existed: it then starts afresh
     */
    public record State(Map<String, Signal> signals, Map<String, Double> quality, Map<String, String> regimes,
                        List<Double> pnls, double peakEquity, RiskManager.State risk,
                        OnlineCalibrator.State calibration, SkillGate.State skillGate) {
    }

    public State state() {
        return new State(new java.util.TreeMap<>(signalOf), new java.util.TreeMap<>(qualityOf),
                new java.util.TreeMap<>(regimeOf), List.copyOf(pnls), peakEquity, risk.state(), calibrator.state(),
                gate.state());
    }

    /** Continues from a saved state; positions the broker no longer holds are dropped from it. */
    public void restore(State s) {
        java.util.Set<String> open = new java.util.HashSet<>();
        broker.openPositions().forEach(p -> open.add(p.id()));
        broker.pendingOrders().forEach(o -> open.add(o.id()));
        retainOpen(s.signals(), signalOf, open);
        retainOpen(s.quality(), qualityOf, open);
        retainOpen(s.regimes(), regimeOf, open);
        pnls.clear();
        pnls.addAll(s.pnls());
        peakEquity = s.peakEquity();
        risk.restore(s.risk());
        if (s.calibration() != null) {
            calibrator.restore(s.calibration());
        }
        if (s.skillGate() != null) {
            gate.restore(s.skillGate());
        }
    }
}
