package com.forexdiffusion.app.paper;

import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.forexdiffusion.app.CalibrationOption;
import com.forexdiffusion.app.DbOptions;
import com.forexdiffusion.app.Json;
import com.forexdiffusion.app.TimeArg;
import com.forexdiffusion.app.ctrader.CTraderConnection;
import com.forexdiffusion.ctrader.live.LiveFeed;
import com.forexdiffusion.app.console.ConsoleProgress;
import com.forexdiffusion.app.data.TimeframeConverter;
import com.forexdiffusion.app.forecast.ForecasterSpecs;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.ldm4ts.service.ModelRegistry;
import com.forexdiffusion.trading.broker.PaperBroker;
import com.forexdiffusion.trading.paper.PaperSessions;
import com.forexdiffusion.trading.paper.LiveLoop;
import com.forexdiffusion.trading.paper.PaperTrader;
import com.forexdiffusion.core.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import com.forexdiffusion.web.settings.Ldm4tsSettings;
import com.forexdiffusion.web.settings.SettingsStore;
import com.forexdiffusion.web.settings.TradingSettings;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

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

    @Option(names = "--symbol", description = "The symbol to trade (or --symbols).")
    String symbol;

    @Option(names = "--symbols", split = ",", paramLabel = "S1,S2,...", description = "Several symbols on one account "
            + "(one engine each, bars in time order, one transaction per time step).")
    List<String> symbols;

    @Option(names = "--timeframe", required = true, converter = TimeframeConverter.class,
            description = "Bar timeframe, e.g. M1, M5, M15, H1, H4, D1 or D1_NY.")
    Timeframe timeframe;

    @Option(names = {"--account", "--session"}, description = "Paper account and session id (default: "
            + "paper-SYMBOL-TIMEFRAME, symbols joined by +).")
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

    private static final long LIVE_START_TIMEOUT_S = 600;

    @Option(names = "--live", description = "Trade on the live feed of --source: each closed bar is stored as it "
            + "arrives (bars missed while the connection was down are fetched back first), then forecast and decided; "
            + "runs until --to or Ctrl-C. The bars before it come from the store (fxd data fetch).")
    boolean live;

    @Option(names = "--source", defaultValue = "ctrader", description = "The live feed with --live: ctrader "
            + "(default: ${DEFAULT-VALUE}).")
    String source;

    @Mixin
    CTraderConnection ctrader;

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

    @Option(names = "--config", paramLabel = "FILE.json", description = "Strategy settings as for fxd backtest (quality "
            + "weights and threshold, mtf_timeframes, sizing, regime multipliers, limits, skill_gate), for a new "
            + "session.")
    java.nio.file.Path configFile;

    @Spec
    CommandSpec spec;

    private static JsonNode readConfig(java.nio.file.Path f) {
        try {
            return Json.mapper().readTree(java.nio.file.Files.readString(f));
        } catch (java.io.IOException e) {
            throw BadInputException.ofSource(f.toString(), "cannot read the config: " + e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!(deposit > 0)) {
            throw new ParameterException(spec.commandLine(), "--deposit must be a positive amount, got " + deposit);
        }
        if (live && !"ctrader".equalsIgnoreCase(source)) {
            throw new ParameterException(spec.commandLine(), "--source must be ctrader, got '" + source + "'");
        }
        if ((symbol == null) == (symbols == null || symbols.isEmpty())) {
            throw new ParameterException(spec.commandLine(), "give --symbol S or --symbols S1,S2,... (one of them)");
        }
        List<String> list = (symbol != null ? List.of(symbol) : symbols).stream().map(String::trim)
                .filter(x -> !x.isEmpty()).map(Instrument::normalise).distinct().toList();
        String sym = String.join(",", list);
        if (list.isEmpty() || sym.length() > 32) {
            throw new ParameterException(spec.commandLine(), "--symbols: between 1 symbol and 32 characters of them, got '"
                    + sym + "'");
        }
        String id = account != null ? account : "paper-" + String.join("+", list) + "-" + timeframe;
        long toMs = to == null ? Long.MAX_VALUE : TimeArg.parse("--to", to);
        PaperTrader.Settings settings = new PaperTrader.Settings(id, sym, timeframe, forecaster,
                from == null ? null : TimeArg.parse("--from", from), toMs, trainBars, horizons, samples, deposit, seed,
                calibration.mode, configFile == null ? null : readConfig(configFile));
        try (ModelRegistry registry = new ModelRegistry(Ldm4tsModel.defaultDevice()); Database d = db.open();
             LiveFeed feed = live ? LiveFeed.start(d, ctrader.client(false, null, seed), list, timeframe) : null;
             PaperTrader trader = PaperTrader.open(d, awaitFirstBars(d, feed, list, settings),
                     (name, hs) -> ForecasterSpecs.factory(name, hs, registry), Clock.system())) {
            PaperSessions.Session session = trader.session();
            out.printf("%s session %s: %s %s with %s %s, calibration %s, from %s%s%n",
                    trader.resumed() ? "resuming" : "starting", id, sym, timeframe, trader.forecaster().name(),
                    trader.forecaster().version(), trader.strategy().calibration().mode().label(),
                    TimeArg.format(session.firstBarTs()),
                    trader.resumed() ? ", last bar done " + TimeArg.format(session.lastBarTs()) : "");
            out.flush();
            long processed;
            try (ConsoleProgress progress = new ConsoleProgress("paper " + id, "bars")) {
                if (feed != null) {
                    processed = LiveLoop.run(trader, feed, toMs, Math.round(pollSeconds * 1000), () -> tuning(d),
                            progress);
                    out.printf("live feed: %d reconnects%n", feed.reconnects());
                } else {
                    processed = replay(trader, d, progress);
                }
            }
            PaperBroker broker = trader.broker();
            Long lastDone = trader.lastBarDone();
            out.printf("%d bars processed, %d trades closed, %d positions open; balance %.2f, equity %.2f%n", processed,
                    trader.trades().size(), broker.openPositions().size(), broker.balance(), broker.equity());
            trader.close();
            out.printf("%d forecasts logged, %d predictions resolved; last bar %s%n", trader.forecastsLogged(),
                    trader.predictionsResolved(), lastDone == null ? "none" : TimeArg.format(lastDone));
            new java.util.TreeMap<>(trader.skillGate()).forEach((s, g) -> out.printf("%s %s%n", s, g.sentence()));
            out.flush();
        }
        return 0;
    }


    /** The stored bars not yet done; with --follow, then those stored later, polled for. */
    private long replay(PaperTrader trader, Database d, ConsoleProgress progress) throws InterruptedException {
        long processed = 0;
        for (long polls = 0; ; polls++) {
            long base = processed;
            LiveLoop.Tuning t = tuning(d);
            processed += trader.catchUp(t.strategy(), t.signals(),
                    (done, total) -> progress.update(base + done, base + total));
            if (!follow || (maxPolls > 0 && polls >= maxPolls)) {
                return processed;
            }
            Thread.sleep(Math.round(pollSeconds * 1000));
            trader.refresh();
        }
    }

    /** With --live-settings, the dashboard's saved settings as they are now; else the session's own. */
    private LiveLoop.Tuning tuning(Database d) {
        if (!liveSettings) {
            return LiveLoop.Tuning.unchanged();
        }
        Ldm4tsSettings live = new SettingsStore(d).load();
        return new LiveLoop.Tuning(s -> TradingSettings.strategy(s, live), TradingSettings.tuning(live));
    }

    /** A new live session starts at --from, once the feed has stored a bar there for every symbol. */
    private PaperTrader.Settings awaitFirstBars(Database d, LiveFeed feed, List<String> symbols,
                                                PaperTrader.Settings s) throws InterruptedException {
        if (feed != null && s.from() != null) {
            LiveLoop.awaitBarsFrom(d.candles(), feed, symbols, timeframe, s.from(), LIVE_START_TIMEOUT_S * 1000);
        }
        return s;
    }
}
