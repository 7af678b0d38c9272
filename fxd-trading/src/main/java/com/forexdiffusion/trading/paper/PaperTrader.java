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
import com.forexdiffusion.trading.engine.EngineEvent;
import com.forexdiffusion.trading.engine.ForecastEngine;
import com.forexdiffusion.trading.engine.StrategyConfig;
import com.forexdiffusion.trading.engine.StrategyConfigFile;
import com.forexdiffusion.trading.engine.TradeRecord;
import com.forexdiffusion.trading.regime.RegimeDetector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.BiFunction;
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

    private final Database db;
    private final PaperSessions sessions;
    private final PaperSessions.Session session;
    private final StrategyConfig strategy;
    private final Forecaster fitted;
    private final RegimeDetector regimeModel;
    private final PaperBroker broker;
    private final LoggedForecaster logged;
    private final Clock.Simulated barClock;
    private final Clock wall;
    private final long to;
    private final int first;
    private final boolean resumed;
    private final List<TradeRecord> trades = new ArrayList<>();
    private BarSeries bars;
    private ForecastEngine.State state;
    private long lastDone;
    private BarTransaction tx;
    private boolean closed;

    private PaperTrader(Builder b) {
        this.db = b.db;
        this.sessions = b.sessions;
        this.session = b.session;
        this.strategy = b.strategy;
        this.fitted = b.fitted;
        this.regimeModel = b.regimeModel;
        this.broker = b.broker;
        this.logged = b.logged;
        this.barClock = b.barClock;
        this.wall = b.wall;
        this.to = b.to;
        this.first = b.first;
        this.bars = b.bars;
        this.resumed = session.lastBarTs() != null;
        this.state = session.state();
        this.lastDone = resumed ? session.lastBarTs() : Long.MIN_VALUE;
    }

    private static final class Builder {
        Database db;
        PaperSessions sessions;
        PaperSessions.Session session;
        StrategyConfig strategy;
        Forecaster fitted;
        RegimeDetector regimeModel;
        PaperBroker broker;
        LoggedForecaster logged;
        Clock.Simulated barClock;
        Clock wall;
        long to;
        int first;
        BarSeries bars;
    }

    /**
     * Opens the session {@code s.accountId()} (creating it when it does not exist), fitting its forecaster with the
     * factory {@code factories} returns for the session's forecaster name and horizons.
     *
     * @param wall the clock for the rows' started_at/updated_at only: no decision reads it
     */
    public static PaperTrader open(Database d, Settings s, BiFunction<String, List<Horizon>, ForecasterFactory> factories, Clock wall) {
        Builder b = new Builder();
        b.db = d;
        b.wall = wall;
        b.to = s.to();
        b.sessions = new PaperSessions(d);
        PaperSessions.Session session = b.sessions.find(s.accountId()).orElse(null);
        if (session == null) {
            session = newSession(s);
        } else if (!session.symbol().equals(s.symbol()) || session.timeframe() != s.timeframe()) {
            throw BadInputException.ofField("account", "session " + s.accountId() + " trades " + session.symbol() + " "
                    + session.timeframe() + ", not " + s.symbol() + " " + s.timeframe());
        }
        JsonNode cfg = config(session);
        b.strategy = strategy(cfg);
        int fitBars = cfg.get("train_bars").asInt();
        b.bars = d.candles().read(session.symbol(), session.timeframe(), Long.MIN_VALUE, s.to());
        b.first = b.bars.lowerBound(session.firstBarTs());
        if (b.first < fitBars || b.first >= b.bars.size() && session.lastBarTs() == null) {
            throw new FxdException("session " + s.accountId() + " needs " + fitBars + " " + session.symbol() + " "
                    + session.timeframe() + " bars before its first bar " + Instant.ofEpochMilli(session.firstBarTs())
                    + " to fit and bars from it on; have " + b.first + " before and " + (b.bars.size() - b.first)
                    + " after");
        }
        BarSeries train = b.bars.slice(b.first - fitBars, b.first);
        b.fitted = factories.apply(session.forecaster(), b.strategy.horizons()).fit(train);
        b.regimeModel = RegimeDetector.fit(train, 20, b.strategy.seed());
        long firstTs = b.bars.ts(b.first);
        b.broker = PaperBroker.open(d, s.accountId(), BrokerConfig.defaults(), cfg.get("deposit").asDouble(), firstTs);
        if (b.sessions.find(s.accountId()).isEmpty()) {
            b.sessions.create(session, wall.millis());
        }
        b.session = session;
        b.broker.withIntrabar(IntrabarBars.storedM1(d.candles(), session.symbol(), session.timeframe(), firstTs, s.to()))
                .withRates(ConversionRates.stored(d.candles(), session.timeframe()));
        // Outcomes are resolved by the time of the bar being processed, never by the wall clock, so a session
        // replaying stored bars does not learn outcomes early.
        b.barClock = Clock.simulated(firstTs);
        PaperTrader[] self = new PaperTrader[1];
        // Inside a bar the log writes into the bar's transaction; its final flush (close) commits on its own.
        b.logged = new LoggedForecaster(b.fitted, () -> self[0].tx != null ? self[0].tx.shared() : d.connection(),
                () -> Instant.ofEpochMilli(b.barClock.millis()), (sym, tf, ts) -> self[0].closeAt(sym, tf, ts), 100,
                3_600_000L);
        self[0] = new PaperTrader(b);
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
                base.sizing(), base.risk(), base.volumeWindow(), sessionCalibration(cfg));
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

    /** A stored close: from the session's series already read when it is that series, else from the store. */
    private OptionalDouble closeAt(String symbol, com.forexdiffusion.core.Timeframe tf, long ts) {
        if (symbol.equals(session.symbol()) && tf == session.timeframe()) {
            int i = bars.lowerBound(ts);
            if (i < bars.size() && bars.ts(i) == ts) {
                return OptionalDouble.of(bars.close(i));
            }
            if (i < bars.size()) {
                return OptionalDouble.empty();
            }
        }
        BarSeries b = db.candles().read(symbol, tf, ts, ts + 1);
        return b.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(b.close(0));
    }

    /**
     * Processes every stored bar not yet done, each in its own transaction with the session's state; {@code live}
     * may change the strategy's settings before the batch (the dashboard's saved settings). Returns the bars done.
     */
    public long catchUp(UnaryOperator<StrategyConfig> live, ProgressListener progress) {
        int next = Math.max(first, bars.lowerBound(lastDone == Long.MIN_VALUE ? Long.MIN_VALUE : lastDone + 1));
        if (next >= bars.size()) {
            return 0;
        }
        ForecastEngine engine = new ForecastEngine(bars, logged, null, broker, live.apply(strategy),
                InstrumentCatalog.builtIn(), regimeModel.estimates(bars));
        if (state != null) {
            engine.restore(state);
        }
        long done = 0;
        try (BarTransaction t = BarTransaction.open(db)) {
            tx = t;
            broker.inTransaction(t);
            for (int i = next; i < bars.size(); i++) {
                EngineEvent.BarClosed e = new EngineEvent.BarClosed(session.symbol(), session.timeframe(), bars.bar(i), i);
                barClock.advanceTo(Math.max(barClock.millis(), e.time()));
                engine.on(e);
                ForecastEngine.State after = engine.state();
                sessions.advance(t.connection(), session.accountId(), bars.ts(i), after, wall.millis());
                t.commit();
                state = after;
                lastDone = bars.ts(i);
                progress.update(++done, bars.size() - next);
            }
        } finally {
            broker.inTransaction(null);
            tx = null;
            trades.addAll(engine.trades());
        }
        return done;
    }

    /** Reads the stored bars again (new ones may have arrived) for the next {@link #catchUp}. */
    public void refresh() {
        bars = db.candles().read(session.symbol(), session.timeframe(), Long.MIN_VALUE, to);
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

    public long forecastsLogged() {
        return logged.logged();
    }

    public long predictionsResolved() {
        return logged.resolved();
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
            logged.close();
        }
    }
}
