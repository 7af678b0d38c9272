package com.forexdiffusion.app.paper;

import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.forexdiffusion.app.CalibrationOption;
import com.forexdiffusion.app.DbOptions;
import com.forexdiffusion.app.Json;
import com.forexdiffusion.app.TimeArg;
import com.forexdiffusion.app.console.ConsoleProgress;
import com.forexdiffusion.app.data.TimeframeConverter;
import com.forexdiffusion.app.forecast.ForecastCommand;
import com.forexdiffusion.app.forecast.ForecasterSpecs;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.conformal.CalibrationConfig;
import com.forexdiffusion.forecast.conformal.CalibrationMode;
import com.forexdiffusion.forecast.log.LoggedForecaster;
import com.forexdiffusion.ldm4ts.service.ModelRegistry;
import com.forexdiffusion.trading.broker.BrokerConfig;
import com.forexdiffusion.trading.broker.IntrabarBars;
import com.forexdiffusion.trading.broker.PaperBroker;
import com.forexdiffusion.trading.engine.EngineEvent;
import com.forexdiffusion.trading.engine.ForecastEngine;
import com.forexdiffusion.trading.engine.StrategyConfig;
import com.forexdiffusion.trading.engine.TradeRecord;
import com.forexdiffusion.trading.paper.PaperSessions;
import com.forexdiffusion.trading.regime.RegimeDetector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import com.forexdiffusion.web.settings.Ldm4tsSettings;
import com.forexdiffusion.web.settings.SettingsStore;
import com.forexdiffusion.web.settings.TradingSettings;
import com.forexdiffusion.trading.engine.SignalTuning;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

@Command(name = "paper", mixinStandardHelpOptions = true,
        description = {"Paper trading: the backtest's engine on each stored bar as it arrives, one forecast per bar",
                "(logged to ldm4ts_predictions and resolved when its target bar closes, with rolling health rows),",
                "orders at the paper broker whose account lives in the database. The session (account, series,",
                "forecaster, calibration, last bar, engine memory including the calibrator) is saved after every",
                "bar: run the same command again after a stop or a crash and it continues where it left off.",
                "--follow keeps polling for new bars."},
        footer = {"%nExamples:",
                "  fxd paper --symbol EURUSD --timeframe M5 --from 2023-12-01",
                "  fxd paper --symbol EURUSD --timeframe M5 --forecaster ldm4ts:models/latest \\",
                "      --follow --live-settings"})
public final class PaperCommand implements Callable<Integer> {
    @Mixin
    DbOptions db;

    /** For a new session; a resumed one keeps the mode it was started with. */
    @Mixin
    CalibrationOption calibration;

    @Option(names = "--symbol", required = true, description = "Instrument, e.g. EURUSD or EUR/USD.")
    String symbol;

    @Option(names = "--timeframe", required = true, converter = TimeframeConverter.class,
            description = "Bar timeframe, e.g. M1, M5, M15, H1, H4, D1 or D1_NY.")
    Timeframe timeframe;

    @Option(names = "--account", description = "Paper account and session id (default: paper-SYMBOL-TIMEFRAME).")
    String account;

    @Option(names = "--forecaster", defaultValue = "rw-garch", description = "rw-ewma, rw-garch, dlinear or ldm4ts:DIR "
            + "(for a new session; a resumed one keeps its own; default: ${DEFAULT-VALUE}).")
    String forecaster;

    @Option(names = "--from", description = "First bar to trade, for a new session (UTC).")
    String from;

    @Option(names = "--to", description = "Stop before this time (UTC); the session can be continued later.")
    String to;

    @Option(names = "--train-bars", defaultValue = "5000",
            description = "Bars before the session's first bar used to fit (default: ${DEFAULT-VALUE}).")
    int trainBars;

    @Option(names = "--horizons", defaultValue = Horizon.DEFAULT_LIST,
            description = "Minutes, comma-separated (default: ${DEFAULT-VALUE}).")
    String horizons;

    @Option(names = "--samples", defaultValue = "50",
            description = "Monte Carlo samples per forecast (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--deposit", defaultValue = "100000", description = "Starting balance of a new paper account, "
            + "in USD (default: ${DEFAULT-VALUE}).")
    double deposit;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--follow", description = "After the stored bars, poll for new ones until interrupted.")
    boolean follow;

    @Option(names = "--poll-seconds", defaultValue = "5", description = "With --follow: seconds between polls for "
            + "new bars (default: ${DEFAULT-VALUE}).")
    double pollSeconds;

    @Option(names = "--max-polls", defaultValue = "0",
            description = "With --follow: stop after this many polls (0: never; default: ${DEFAULT-VALUE}).")
    long maxPolls;

    @Option(names = "--live-settings", description = "Before each batch of new bars, apply the dashboard's saved LDM4TS "
            + "settings (MC samples, minimum strength, minimum quality, directional confidence, horizon weights, position "
            + "scaling and the uncertainty threshold of the sizer): a change in fxd serve's Settings page takes effect without a restart.")
    boolean liveSettings;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String sym = Instrument.normalise(symbol);
        String id = account != null ? account : "paper-" + sym + "-" + timeframe;
        long toMs = to == null ? Long.MAX_VALUE : TimeArg.parse("--to", to);
        try (ModelRegistry registry = new ModelRegistry(Ldm4tsModel.defaultDevice()); Database d = db.open()) {
            PaperSessions sessions = new PaperSessions(d);
            PaperSessions.Session session = sessions.find(id).orElse(null);
            if (session == null) {
                if (from == null) {
                    throw BadInputException.ofField("from", "session " + id + " does not exist yet: give --from, the "
                            + "first bar to trade");
                }
                List<Horizon> hs = Horizon.parseList(horizons);
                hs.forEach(h -> h.bars(timeframe));
                Map<String, Object> cfg = new LinkedHashMap<>();
                cfg.put("horizons", horizons);
                cfg.put("samples", samples);
                cfg.put("seed", seed);
                cfg.put("train_bars", trainBars);
                cfg.put("deposit", deposit);
                cfg.put("calibration", calibration.mode.label());
                session = new PaperSessions.Session(id, sym, timeframe, forecaster, Json.write(cfg),
                        TimeArg.parse("--from", from), null, null);
            } else if (!session.symbol().equals(sym) || session.timeframe() != timeframe) {
                throw BadInputException.ofField("account", "session " + id + " trades " + session.symbol() + " "
                        + session.timeframe() + ", not " + sym + " " + timeframe);
            }
            JsonNode cfg = Json.mapper().readTree(session.configJson());
            StrategyConfig base = StrategyConfig.defaults();
            StrategyConfig strategy = new StrategyConfig(Horizon.parseList(cfg.get("horizons").asText()),
                    cfg.get("samples").asInt(), cfg.get("seed").asLong(), base.lookback(), base.minStrength(),
                    base.topN(), base.sizing(), base.risk(), base.volumeWindow(), sessionCalibration(cfg));
            int fitBars = cfg.get("train_bars").asInt();

            BarSeries bars = d.candles().read(sym, timeframe, Long.MIN_VALUE, toMs);
            int first = bars.lowerBound(session.firstBarTs());
            if (first < fitBars || first >= bars.size() && session.lastBarTs() == null) {
                throw new FxdException("session " + id + " needs " + fitBars + " " + sym + " " + timeframe + " bars "
                        + "before its first bar " + TimeArg.format(session.firstBarTs()) + " to fit and bars from it on; "
                        + "have " + first + " before and " + (bars.size() - first) + " after");
            }
            // The models are fitted on the bars before the session's first bar, so a resumed session has the same
            // ones.
            BarSeries train = bars.slice(first - fitBars, first);
            Forecaster fitted = ForecasterSpecs.factory(session.forecaster(), strategy.horizons(), registry).fit(train);
            RegimeDetector regimeModel = RegimeDetector.fit(train, 20, strategy.seed());
            boolean resumed = session.lastBarTs() != null;
            PaperBroker broker = PaperBroker.open(d, id, BrokerConfig.defaults(), cfg.get("deposit").asDouble(),
                    bars.ts(first));
            if (sessions.find(id).isEmpty()) {
                sessions.create(session, System.currentTimeMillis());
            }
            broker.withIntrabar(IntrabarBars.storedM1(d.candles(), sym, timeframe, bars.ts(first), toMs));
            // Outcomes are resolved by the time of the bar being processed, never by the wall clock, so a session
            // replaying stored bars does not learn outcomes early.
            AtomicLong now = new AtomicLong(bars.ts(first));
            LoggedForecaster logged = new LoggedForecaster(fitted, d::connection, () -> Instant.ofEpochMilli(now.get()),
                    ForecastCommand.closes(d.candles()), 100, 3_600_000L);
            out.printf("%s session %s: %s %s with %s %s, calibration %s, from %s%s%n", resumed ? "resuming" : "starting",
                    id, sym, timeframe, fitted.name(), fitted.version(), strategy.calibration().mode().label(),
                    TimeArg.format(session.firstBarTs()),
                    resumed ? ", last bar done " + TimeArg.format(session.lastBarTs()) : "");
            out.flush();
            ForecastEngine.State state = session.state();
            long lastDone = resumed ? session.lastBarTs() : Long.MIN_VALUE;
            List<TradeRecord> trades = new ArrayList<>();
            long processed = 0;
            long polls = 0;
            try (ConsoleProgress progress = new ConsoleProgress("paper " + id, "bars")) {
                while (true) {
                    int next = Math.max(first, bars.lowerBound(lastDone == Long.MIN_VALUE ? Long.MIN_VALUE : lastDone + 1));
                    if (next < bars.size()) {
                        Ldm4tsSettings live = liveSettings ? new SettingsStore(d).load() : null;
                        StrategyConfig current = live != null ? TradingSettings.strategy(strategy, live) : strategy;
                        SignalTuning tuning = live != null ? TradingSettings.tuning(live) : SignalTuning.defaults();
                        ForecastEngine engine = new ForecastEngine(bars, logged, null, broker, current,
                                InstrumentCatalog.builtIn(), regimeModel.estimates(bars), tuning);
                        if (state != null) {
                            engine.restore(state);
                        }
                        for (int i = next; i < bars.size(); i++) {
                            EngineEvent.BarClosed e = new EngineEvent.BarClosed(sym, timeframe, bars.bar(i), i);
                            now.set(e.time());
                            engine.on(e);
                            state = engine.state();
                            sessions.advance(id, bars.ts(i), state, System.currentTimeMillis());
                            lastDone = bars.ts(i);
                            progress.update(++processed, processed + bars.size() - 1 - i);
                        }
                        trades.addAll(engine.trades());
                    }
                    if (!follow || (maxPolls > 0 && polls >= maxPolls)) {
                        break;
                    }
                    Thread.sleep(Math.round(pollSeconds * 1000));
                    polls++;
                    bars = d.candles().read(sym, timeframe, Long.MIN_VALUE, toMs);
                }
            } finally {
                logged.close();
            }
            out.printf("%d bars processed, %d trades closed, %d positions open; balance %.2f, equity %.2f%n", processed,
                    trades.size(), broker.openPositions().size(), broker.balance(), broker.equity());
            out.printf("%d forecasts logged, %d predictions resolved; last bar %s%n", logged.logged(), logged.resolved(),
                    lastDone == Long.MIN_VALUE ? "none" : TimeArg.format(lastDone));
            out.flush();
        }
        return 0;
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
}
