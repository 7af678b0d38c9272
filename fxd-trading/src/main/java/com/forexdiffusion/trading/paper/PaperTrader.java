package com.forexdiffusion.trading.paper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Clock;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.conformal.CalibrationConfig;
import com.forexdiffusion.forecast.conformal.CalibrationMode;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;
import com.forexdiffusion.forecast.log.LoggedForecaster;
import com.forexdiffusion.trading.broker.BarTransaction;
import com.forexdiffusion.trading.broker.BrokerConfig;
import com.forexdiffusion.trading.broker.ConversionRates;
import com.forexdiffusion.trading.broker.IntrabarBars;
import com.forexdiffusion.trading.broker.PaperBroker;
import com.forexdiffusion.trading.broker.Spreads;
import com.forexdiffusion.trading.engine.EngineEvent;
import com.forexdiffusion.trading.engine.Correlations;
import com.forexdiffusion.trading.engine.ForecastEngine;
import com.forexdiffusion.trading.engine.SignalTuning;
import com.forexdiffusion.trading.engine.StrategyConfig;
import com.forexdiffusion.trading.engine.StrategyConfigFile;
import com.forexdiffusion.trading.engine.TradeRecord;
import com.forexdiffusion.trading.engine.WorkerForecaster;
import com.forexdiffusion.trading.regime.RegimeDetector;
import com.forexdiffusion.trading.skill.SkillGate;
import com.forexdiffusion.trading.skill.SkillGateConfig;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import com.forexdiffusion.data.feed.BarEvent;
import com.forexdiffusion.data.feed.HistoricalFeed;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;

/**
 * The lifecycle of one paper session (SPEC §7 paper trading): creates it or resumes it from the database, fits its
 * forecaster and regime model on the bars before its first bar (so a resumed session has the same ones), and runs
 * the engine on each stored bar not yet processed. Each bar is one transaction: the broker's orders, fills,
 * positions, ledger and account, the forecasts logged and the session's state commit together, so a session killed
 * at any instant resumes to exactly the state an uninterrupted one would have had.
 */
public final class PaperTrader implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a new session is started with; a resumed one keeps its own settings (only account, symbol, timeframe and
     * {@code to} are read then).
     *
     * @param from first bar to trade (epoch ms), required for a new session
     * @param to       stop before this time (epoch ms; Long.MAX_VALUE: every stored bar)
     * @param strategy a strategy config (the JSON of --config: quality, sizing, risk keys), or null; stored with the
     *                 session, so a resumed one keeps it
     */
    public record Settings(String accountId, String symbol, com.forexdiffusion.core.Timeframe timeframe,
                           String forecaster, Long from, long to, int trainBars, String horizons, int samples,
                           double deposit, long seed, CalibrationMode calibration, JsonNode strategy) {
        public Settings {
            if (!(deposit > 0)) {
                throw BadInputException.ofField("deposit", "must be a positive amount, got " + deposit);
            }
            if (trainBars < 2) {
                throw BadInputException.ofField("train-bars", "must be at least 2, got " + trainBars);
            }
        }
    }

    /** One symbol of the session: its stored bars, first bar, fitted models and the log its forecasts go to. */
    private static final class Leg {
        final String symbol;
        BarSeries bars;
        final int first;
        final RegimeDetector regimes;
        final WorkerForecaster worker;
        final LoggedForecaster logged;

        Leg(String symbol, BarSeries bars, int first, RegimeDetector regimes, WorkerForecaster worker,
            LoggedForecaster logged) {
            this.symbol = symbol;
            this.bars = bars;
            this.first = first;
            this.regimes = regimes;
            this.worker = worker;
            this.logged = logged;
        }
    }

    private final Database db;
    private final PaperSessions sessions;
    private final PaperSessions.Session session;
    private final StrategyConfig strategy;
    private final Forecaster fitted;
    private final List<Leg> legs;
    private final PaperBroker broker;
    private final Clock.Simulated barClock;
    private final Clock wall;
    private final long to;
    private final boolean resumed;
    private final List<TradeRecord> trades = new ArrayList<>();
    private final Map<String, ForecastEngine.State> states = new TreeMap<>();
    private final Map<String, SkillGate.Summary> gates = new TreeMap<>();
    private long lastDone;
    private BarTransaction tx;
    private boolean closed;
    private ExecutorService forecastWorker;
    private LongConsumer stepDone = ts -> { };

    private PaperTrader(Database db, PaperSessions sessions, PaperSessions.Session session, StrategyConfig strategy,
                        Forecaster fitted, List<Leg> legs, PaperBroker broker, Clock.Simulated barClock, Clock wall,
                        long to) {
        this.db = db;
        this.sessions = sessions;
        this.session = session;
        this.strategy = strategy;
        this.fitted = fitted;
        this.legs = legs;
        this.broker = broker;
        this.barClock = barClock;
        this.wall = wall;
        this.to = to;
        this.resumed = session.lastBarTs() != null;
        if (session.state() != null) {
            states.put(session.symbol(), session.state());
        }
        if (session.states() != null) {
            states.putAll(session.states());
        }
        this.lastDone = resumed ? session.lastBarTs() : Long.MIN_VALUE;
    }

    /**
     * Opens the session {@code s.accountId()} (creating it when it does not exist), fitting a forecaster per symbol
     * with the factory {@code factories} returns for the session's forecaster name and horizons. {@code s.symbol()}
     * may name several symbols joined by commas: one engine each on the one account.
     *
     * @param wall the clock for the rows' started_at/updated_at only: no decision reads it
     */
    public static PaperTrader open(Database d, Settings s, BiFunction<String, List<Horizon>, ForecasterFactory> factories,
                                   Clock wall) {
        PaperSessions sessions = new PaperSessions(d);
        PaperSessions.Session session = sessions.find(s.accountId()).orElse(null);
        if (session == null) {
            session = newSession(s);
        } else if (!session.symbol().equals(s.symbol()) || session.timeframe() != s.timeframe()) {
            throw BadInputException.ofField("account", "session " + s.accountId() + " trades " + session.symbol() + " "
                    + session.timeframe() + ", not " + s.symbol() + " " + s.timeframe());
        }
        JsonNode cfg = config(session);
        StrategyConfig strategy = strategy(cfg);
        int fitBars = cfg.get("train_bars").asInt();
        PaperSessions.Session sess = session;
        PaperTrader[] self = new PaperTrader[1];
        Clock.Simulated barClock = Clock.simulated(Long.MIN_VALUE);
        List<Leg> legs = new ArrayList<>();
        Map<String, BarSeries> m1 = new HashMap<>();
        Forecaster firstFit = null;
        long firstTs = Long.MAX_VALUE;
        for (String sym : session.symbols()) {
            BarSeries bars = d.candles().read(sym, session.timeframe(), Long.MIN_VALUE, s.to());
            int first = bars.lowerBound(session.firstBarTs());
            if (first < fitBars || first >= bars.size() && session.lastBarTs() == null) {
                throw new FxdException("session " + s.accountId() + " needs " + fitBars + " " + sym + " "
                        + session.timeframe() + " bars before its first bar " + Instant.ofEpochMilli(session.firstBarTs())
                        + " to fit and bars from it on; have " + first + " before and " + (bars.size() - first)
                        + " after");
            }
            // The models are fitted on the bars before the session's first bar, so a resumed session has the same.
            BarSeries train = bars.slice(first - fitBars, first);
            Forecaster fitted = factories.apply(session.forecaster(), strategy.horizons()).fit(train);
            firstFit = firstFit == null ? fitted : firstFit;
            WorkerForecaster worker = new WorkerForecaster(fitted);
            // Inside a bar the log writes into the bar's transaction; its final flush (close) commits on its own.
            LoggedForecaster logged = new LoggedForecaster(worker,
                    () -> self[0].tx != null ? self[0].tx.shared() : d.connection(),
                    () -> Instant.ofEpochMilli(barClock.millis()), (sy, tf, ts) -> self[0].closeAt(sy, tf, ts), 100,
                    3_600_000L);
            legs.add(new Leg(sym, bars, first, RegimeDetector.fit(train, 20, strategy.seed()), worker, logged));
            if (first < bars.size()) {
                firstTs = Math.min(firstTs, bars.ts(first));
                m1.put(sym, IntrabarBars.storedM1(d.candles(), sym, session.timeframe(), bars.ts(first), s.to())
                        .within(sym, Long.MIN_VALUE, Long.MAX_VALUE));
            }
        }
        if (firstTs == Long.MAX_VALUE) {
            firstTs = session.firstBarTs();
        }
        PaperBroker broker = PaperBroker.open(d, s.accountId(), BrokerConfig.defaults(), cfg.get("deposit").asDouble(),
                firstTs).withIntrabar(IntrabarBars.of(m1))
                .withRates(ConversionRates.stored(d.candles(), session.timeframe()))
                .withSpreads(Spreads.stored(d.candles(), session.timeframe()));
        if (sessions.find(s.accountId()).isEmpty()) {
            sessions.create(session, wall.millis());
        }
        // Outcomes are resolved by the time of the bar being processed, never by the wall clock, so a session
        // replaying stored bars does not learn outcomes early.
        barClock.advanceTo(firstTs);
        self[0] = new PaperTrader(d, sessions, sess, strategy, firstFit, legs, broker, barClock, wall, s.to());
        return self[0];
    }

    private static PaperSessions.Session newSession(Settings s) {
        if (s.from() == null) {
            throw BadInputException.ofField("from", "session " + s.accountId() + " does not exist yet: give --from, the "
                    + "first bar to trade");
        }
        List<Horizon> hs = Horizon.parseList(s.horizons());
        hs.forEach(h -> h.bars(s.timeframe()));
        ObjectNode cfg = JSON.createObjectNode();
        cfg.put("horizons", s.horizons());
        cfg.put("samples", s.samples());
        cfg.put("seed", s.seed());
        cfg.put("train_bars", s.trainBars());
        cfg.put("deposit", s.deposit());
        cfg.put("calibration", s.calibration().label());
        // Marks a session started with the skill gate in the code: its defaults apply unless the strategy says.
        cfg.put("skill_gate", true);
        if (s.strategy() != null) {
            StrategyConfigFile.parse(s.strategy(), "--config", StrategyConfig.defaults());
            cfg.set("strategy", s.strategy());
        }
        return new PaperSessions.Session(s.accountId(), s.symbol(), s.timeframe(), s.forecaster(), cfg.toString(),
                s.from(), null, null);
    }

    private static JsonNode config(PaperSessions.Session session) {
        try {
            return JSON.readTree(session.configJson());
        } catch (java.io.IOException e) {
            throw new FxdException("paper_sessions.config_json of " + session.accountId() + " is corrupt: "
                    + e.getMessage(), e);
        }
    }

    private static StrategyConfig strategy(JsonNode cfg) {
        StrategyConfig base = StrategyConfig.defaults();
        StrategyConfig session = new StrategyConfig(Horizon.parseList(cfg.get("horizons").asText()),
                cfg.get("samples").asInt(), cfg.get("seed").asLong(), base.lookback(), base.minStrength(), base.topN(),
                base.sizing(), base.risk(), base.volumeWindow(), sessionCalibration(cfg), null, null,
                sessionSkillGate(cfg));
        return cfg.has("strategy") ? StrategyConfigFile.parse(cfg.get("strategy"), "paper_sessions.config_json.strategy",
                session) : session;
    }

    /**
     * The session's own calibration mode. Sessions recorded before calibration existed traded the raw quantiles;
     * they keep doing so, so that a resumed one continues exactly as it started.
     */
    private static CalibrationConfig sessionCalibration(JsonNode cfg) {
        JsonNode mode = cfg.get("calibration");
        return CalibrationConfig.defaults().withMode(mode == null ? CalibrationMode.NONE
                : CalibrationMode.parse("paper_sessions.config_json.calibration", mode.asText()));
    }

    /**
     * Sessions recorded before the skill gate existed traded without it; they keep doing so (their saved engine
     * state has no record to judge by), as they keep their calibration.
     */
    private static SkillGateConfig sessionSkillGate(JsonNode cfg) {
        return cfg.has("skill_gate") ? SkillGateConfig.defaults() : SkillGateConfig.disabled();
    }

    /** A stored close: from a session's series already read when it is one, else from the store. */
    private OptionalDouble closeAt(String symbol, com.forexdiffusion.core.Timeframe tf, long ts) {
        for (Leg l : legs) {
            if (symbol.equals(l.symbol) && tf == session.timeframe()) {
                int i = l.bars.lowerBound(ts);
                if (i < l.bars.size() && l.bars.ts(i) == ts) {
                    return OptionalDouble.of(l.bars.close(i));
                }
                if (i < l.bars.size()) {
                    return OptionalDouble.empty();
                }
            }
        }
        BarSeries b = db.candles().read(symbol, tf, ts, ts + 1);
        return b.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(b.close(0));
    }

    /**
     * Processes every stored bar not yet done, of every symbol in time order, each in its own transaction with the
     * session's state; {@code live} may change the strategy's settings before the batch (the dashboard's saved
     * settings). Returns the bars done.
     */
    public long catchUp(UnaryOperator<StrategyConfig> live, ProgressListener progress) {
        return catchUp(live, SignalTuning.defaults(), progress);
    }

    /** As {@link #catchUp(UnaryOperator, ProgressListener)}, the signals reviewed under {@code tuning}. */
    public long catchUp(UnaryOperator<StrategyConfig> live, SignalTuning tuning, ProgressListener progress) {
        StrategyConfig cfg = live.apply(strategy);
        List<ForecastEngine> engines = new ArrayList<>();
        List<BarSeries> series = new ArrayList<>();
        int[] starts = new int[legs.size()];
        Map<String, Integer> legOf = new HashMap<>();
        Map<String, BarSeries> bySymbol = new HashMap<>();
        legs.forEach(l -> bySymbol.put(l.symbol, l.bars));
        // As in a backtest of several symbols (Portfolio): correlation safety from the returns up to each signal.
        Correlations rho = legs.size() > 1 ? Correlations.ofReturns(bySymbol, 500) : null;
        for (int k = 0; k < legs.size(); k++) {
            Leg l = legs.get(k);
            ForecastEngine e = new ForecastEngine(l.bars, l.logged, null, broker, cfg, InstrumentCatalog.builtIn(),
                    l.regimes.estimates(l.bars), tuning).withCorrelations(rho);
            ForecastEngine.State st = states.get(l.symbol);
            if (st != null) {
                e.restore(st);
            }
            engines.add(e);
            series.add(l.bars);
            starts[k] = Math.max(l.first, l.bars.lowerBound(lastDone == Long.MIN_VALUE ? Long.MIN_VALUE : lastDone + 1));
            legOf.put(l.symbol, k);
        }
        HistoricalFeed feed = HistoricalFeed.of(series, starts);
        List<BarEvent> events = new ArrayList<>();
        for (Optional<BarEvent> next = feed.next(); next.isPresent(); next = feed.next()) {
            events.add(next.get());
        }
        long total = events.size();
        long done = 0;
        try (BarTransaction t = BarTransaction.open(db)) {
            tx = t;
            broker.inTransaction(t);
            // One transaction per time step: the bars of every symbol closing at that instant commit together, so
            // the session's last bar says exactly which bars are done.
            long step = Long.MIN_VALUE;
            for (int i = 0; i < events.size(); i++) {
                BarEvent b = events.get(i);
                if (b.bar().ts() != step) {
                    prefetchStep(events, i, cfg, legOf);
                }
                if (step != Long.MIN_VALUE && b.bar().ts() != step) {
                    commitStep(t, step);
                }
                int k = legOf.get(b.symbol());
                EngineEvent.BarClosed e = new EngineEvent.BarClosed(b.symbol(), b.timeframe(), b.bar(), b.index());
                barClock.advanceTo(Math.max(barClock.millis(), e.time()));
                engines.get(k).on(e);
                states.put(b.symbol(), engines.get(k).state());
                step = b.bar().ts();
                progress.update(++done, total);
            }
            if (step != Long.MIN_VALUE) {
                commitStep(t, step);
            }
        } finally {
            broker.inTransaction(null);
            tx = null;
            legs.forEach(l -> l.worker.discardBefore(Long.MAX_VALUE));
            engines.forEach(e -> trades.addAll(e.trades()));
            for (int k = 0; k < legs.size(); k++) {
                gates.put(legs.get(k).symbol, engines.get(k).skillGate());
            }
        }
        return done;
    }

    /**
     * With a worker: asks it for the forecasts of every bar of the time step starting at event {@code i} before the
     * loop handles any of them (those the engine then has no use for are dropped).
     */
    private void prefetchStep(List<BarEvent> events, int i, StrategyConfig cfg, Map<String, Integer> legOf) {
        if (forecastWorker == null) {
            return;
        }
        long ts = events.get(i).bar().ts();
        for (int j = i; j < events.size() && events.get(j).bar().ts() == ts; j++) {
            BarEvent b = events.get(j);
            Leg l = legs.get(legOf.get(b.symbol()));
            if (b.index() >= cfg.lookback()) {
                l.worker.prefetch(ForecastEngine.request(l.bars.slice(0, b.index() + 1), b.index(), cfg));
            }
        }
    }

    /**
     * Live mode: from now on forecasts are computed on one worker thread and handed to the loop, which settles fills
     * and decides; the outcome is the same as on the loop's own thread.
     */
    public PaperTrader forecastOnWorker() {
        if (forecastWorker == null) {
            forecastWorker = Executors.newSingleThreadExecutor(r -> {
                Thread th = new Thread(r, "forecast-worker " + session.accountId());
                th.setDaemon(true);
                return th;
            });
            legs.forEach(l -> l.worker.useWorker(forecastWorker));
        }
        return this;
    }

    /** Called on the loop after each time step committed, with the step's bar open time. */
    public PaperTrader onStepCommitted(LongConsumer listener) {
        this.stepDone = listener;
        return this;
    }

    /** The thread the last forecast computed on the worker ran on (null before one, or without a worker). */
    public String workerThread() {
        return legs.stream().map(l -> l.worker.workerThread()).filter(java.util.Objects::nonNull).findFirst()
                .orElse(null);
    }

    private void commitStep(BarTransaction t, long barTs) {
        if (legs.size() == 1) {
            sessions.advance(t.connection(), session.accountId(), barTs, states.get(legs.get(0).symbol), wall.millis());
        } else {
            sessions.advance(t.connection(), session.accountId(), barTs, states, wall.millis());
        }
        t.commit();
        lastDone = barTs;
        stepDone.accept(barTs);
    }

    /** Reads the stored bars again (new ones may have arrived) for the next {@link #catchUp}. */
    public void refresh() {
        for (Leg l : legs) {
            l.bars = db.candles().read(l.symbol, session.timeframe(), Long.MIN_VALUE, to);
        }
    }

    public boolean resumed() {
        return resumed;
    }

    public PaperSessions.Session session() {
        return session;
    }

    public StrategyConfig strategy() {
        return strategy;
    }

    /** The forecaster fitted for the (first) symbol. */
    public Forecaster forecaster() {
        return fitted;
    }

    public PaperBroker broker() {
        return broker;
    }

    /** Trades closed by this process (not those of earlier runs of the session). */
    public List<TradeRecord> trades() {
        return List.copyOf(trades);
    }

    /**
     * By symbol, the skill gate after the last {@link #catchUp}: its verdict and what it stood aside on over the
     * session's whole life (the counts are part of the saved state).
     */
    public Map<String, SkillGate.Summary> skillGate() {
        return Map.copyOf(gates);
    }

    public long forecastsLogged() {
        return legs.stream().mapToLong(l -> l.logged.logged()).sum();
    }

    public long predictionsResolved() {
        return legs.stream().mapToLong(l -> l.logged.resolved()).sum();
    }

    /** The label of the last bar done, or null before the first. */
    public Long lastBarDone() {
        return lastDone == Long.MIN_VALUE ? null : lastDone;
    }

    /** Resolves the predictions that are due and writes the health rows; once. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            legs.forEach(l -> l.logged.close());
            if (forecastWorker != null) {
                forecastWorker.shutdownNow();
            }
        }
    }
}
