package com.forexdiffusion.app.backtest;

import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.forexdiffusion.app.CalibrationOption;
import com.forexdiffusion.app.CodeVersion;
import com.forexdiffusion.app.DbOptions;
import com.forexdiffusion.app.Json;
import com.forexdiffusion.app.TimeArg;
import com.forexdiffusion.cluster.SparkCluster;
import com.forexdiffusion.app.console.ConsoleProgress;
import com.forexdiffusion.app.data.TimeframeConverter;
import com.forexdiffusion.core.AtomicFile;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.conformal.CalibrationConfig;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;
import com.forexdiffusion.app.forecast.ForecasterSpecs;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.ldm4ts.service.ModelRegistry;
import com.forexdiffusion.trading.broker.IntrabarBars;
import com.forexdiffusion.trading.broker.ConversionRates;
import com.forexdiffusion.trading.engine.ForecastCache;
import com.forexdiffusion.trading.broker.BrokerConfig;
import com.forexdiffusion.trading.broker.PaperBroker;
import com.forexdiffusion.trading.broker.Spreads;
import com.forexdiffusion.trading.engine.Backtest;
import com.forexdiffusion.trading.engine.StrategyConfig;
import com.forexdiffusion.trading.engine.StrategyConfigFile;
import com.forexdiffusion.trading.regime.RegimeDetector;
import com.forexdiffusion.trading.report.BacktestFigures;
import com.forexdiffusion.trading.report.BacktestReport;
import com.forexdiffusion.trading.report.SkillGateFigures;
import com.forexdiffusion.trading.report.PerformanceMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import com.forexdiffusion.core.Clock;
import com.forexdiffusion.trading.engine.BacktestRuns;
import com.forexdiffusion.trading.engine.Portfolio;
import com.forexdiffusion.trading.engine.SignalTuning;
import com.forexdiffusion.core.ProgressListener;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Event-driven backtest over stored bars: forecasts (in batches; cached raw,",
                "calibrated by --calibration), signals, quality, regimes, sizing, risk limits",
                "and the paper broker with costs. Writes DIR/metrics.json, DIR/trades.csv,",
                "DIR/report.html and DIR/paper-broker.db, and a row in backtest_runs."},
        footer = {"%nExamples:",
                "  fxd backtest --symbol EURUSD --timeframe M15 --from 2023-07-01 \\",
                "      --out runs/bt-m15",
                "  fxd backtest --symbol EURUSD --timeframe M5 \\",
                "      --forecaster ldm4ts:models/latest --from 2023-10-01 --samples 20 \\",
                "      --out runs/bt-m5"})
public final class BacktestCommand implements Callable<Integer> {
    @Mixin
    DbOptions db;

    @Mixin
    CalibrationOption calibration;

    @Option(names = "--symbol", description = "The symbol to trade (or --symbols).")
    String symbol;

    @Option(names = "--symbols", split = ",", paramLabel = "S1,S2,...", description = "Several symbols on one "
            + "account: one engine per symbol, events in time order, limits, margin and correlation across them.")
    List<String> symbols;

    @Option(names = "--timeframe", required = true, converter = TimeframeConverter.class,
            description = "Bar timeframe, e.g. M1, M5, M15, H1, H4, D1 or D1_NY.")
    Timeframe timeframe;

    @Option(names = "--from", description = "First decision bar (UTC); earlier bars fit the models (default: the first "
            + "bar after the --train-bars).")
    String from;

    @Option(names = "--to", description = "End, exclusive (UTC).")
    String to;

    @Option(names = "--forecaster", defaultValue = "rw-garch", description = "rw-ewma, rw-garch, dlinear or "
            + "ldm4ts:DIR (a trained checkpoint, which must not have seen any bar from --from on). "
            + "Default: ${DEFAULT-VALUE}.")
    String forecaster;

    @Option(names = "--train-bars", defaultValue = "5000", description = "Bars before --from (or before each "
            + "walk-forward fold) used to fit (default: ${DEFAULT-VALUE}).")
    int trainBars;

    @Option(names = "--refit-every", defaultValue = "0", paramLabel = "BARS", description = "Walk-forward: refit the "
            + "forecaster and the regime model every BARS decision bars on the --train-bars before the fold "
            + "(0: fit once; default: ${DEFAULT-VALUE}).")
    int refitEvery;

    @Option(names = "--no-cache", description = "Compute every forecast; by default forecasts are read from and "
            + "stored in the database's forecast cache (by model version, request setting and bar).")
    boolean noCache;

    @Option(names = "--horizons", defaultValue = Horizon.DEFAULT_LIST,
            description = "Minutes, comma-separated (default: ${DEFAULT-VALUE}).")
    String horizons;

    @Option(names = "--samples", description = "Monte Carlo samples per forecast (default 50, or the config file's).")
    Integer samples;

    @Option(names = "--deposit", defaultValue = "100000", description = "Starting balance of the paper account, "
            + "in USD (default: ${DEFAULT-VALUE}).")
    double deposit;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--config", paramLabel = "FILE.json", description = "Strategy settings (horizons, samples, "
            + "min_strength, top_n, risk_pct, sizing, uncertainty_threshold_pct, daily_loss_pct, ..., and the skill "
            + "gate: skill_gate {enabled, window, warmup, max_crps_ratio, min_direction_lcb, confidence, horizon, "
            + "require}; the gate is on unless it says enabled false).")
    Path configFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the metrics, trades "
            + "and report.")
    Path out;

    @Option(names = "--cluster", paramLabel = "URL", description = "Make the forecasts on Apache Spark first "
            + "(spark://HOST:PORT or local[N]; pieces of every symbol's folds as tasks that put them in the forecast "
            + "cache), then run the engine here on them: the same results as without it. --db must be a database the "
            + "executors reach (PostgreSQL, or a shared SQLite file).")
    String cluster;

    /** Bars of the regime model's rolling features. */
    private static final int REGIME_WINDOW = 20;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StrategyConfig base = StrategyConfig.defaults();
        StrategyConfig cli = new StrategyConfig(Horizon.parseList(horizons), samples == null ? base.samples() : samples, seed, base.lookback(),
                base.minStrength(), base.topN(), base.sizing(), base.risk(), base.volumeWindow(), calibration.config());
        StrategyConfig cfg = configFile == null ? cli : StrategyConfigFile.read(configFile, cli);
        List<Horizon> hs = cfg.horizons();
        cfg.horizons().forEach(h -> h.bars(timeframe));
        if (!(deposit > 0)) {
            throw new ParameterException(spec.commandLine(), "--deposit must be a positive amount, got " + deposit);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw BadInputException.ofField("out", out + " is an existing file; --out names a directory for the "
                    + "report");
        }
        // Checked here: below the regime model's minimum a fit fails deep inside (GARCH below 51 bars with a trace).
        int minTrain = RegimeDetector.minTrainingBars(REGIME_WINDOW);
        if (trainBars < minTrain) {
            throw new ParameterException(spec.commandLine(), "--train-bars must be at least " + minTrain
                    + " (the regime model's " + REGIME_WINDOW + "-bar window plus 200 bars to fit on), got "
                    + trainBars);
        }
        if (refitEvery < 0) {
            throw BadInputException.ofField("refit-every", "must be 0 (fit once) or a number of bars, got " + refitEvery);
        }
        if (cluster != null) {
            SparkCluster.check("cluster", cluster);
            if (noCache) {
                throw BadInputException.ofField("cluster", "the executors hand their forecasts over through the "
                        + "forecast cache; drop --no-cache to use --cluster");
            }
        }
        List<String> syms = symbolList();
        if (syms.size() > 1) {
            return portfolio(syms, cfg);
        }
        String sym = syms.get(0);
        Long fromMs = from == null ? null : TimeArg.parse("--from", from);
        long toMs = to == null ? Long.MAX_VALUE : TimeArg.parse("--to", to);
        String runId = "bt-" + sym + "-" + timeframe + "-" + System.currentTimeMillis();
        try (ModelRegistry registry = new ModelRegistry(Ldm4tsModel.defaultDevice()); Database d = db.open()) {
            ForecasterFactory factory = ForecasterSpecs.factory(forecaster, hs, registry);
            BarSeries all = d.candles().read(sym, timeframe, Long.MIN_VALUE, toMs);
            int start = fromMs == null ? trainBars : all.lowerBound(fromMs);
            if (start < trainBars || start >= all.size()) {
                throw new FxdException("need " + trainBars + " " + sym + " " + timeframe + " bars before "
                        + (from == null ? "the first decision bar" : from)
                        + " to fit the models and bars after it to trade; have " + start + " before and "
                        + (all.size() - start) + " after");
            }
            List<Backtest.Fold> folds = folds(all, start, factory);
            long clusterMade = clusterForecasts(Map.of(sym, folds), cfg, toMs);
            Forecaster f = folds.get(0).forecaster();
            RegimeDetector.Estimate[] regimes = regimes(all, folds);
            // Stops and targets touched by one bar are ordered by the stored M1 bars where there are any.
            InstrumentCatalog instruments = InstrumentCatalog.builtIn();
            IntrabarBars intrabar = IntrabarBars.storedM1(d.candles(), sym, timeframe, all.ts(start), toMs);
            int m1 = intrabar.count(sym);
            int spreadBars = d.candles().spreads(sym, timeframe, all.ts(start), toMs).size();
            ObjectNode config = Json.mapper().createObjectNode();
            config.put("forecaster", f.name() + ":" + f.version());
            config.put("horizons", hs.toString());
            config.put("samples", cfg.samples());
            config.put("deposit", deposit);
            config.put("train_bars", trainBars);
            config.put("refit_every", refitEvery);
            config.put("folds", folds.size());
            config.put("intrabar_m1_bars", m1);
            config.put("spread_bars", spreadBars);
            config.put("cluster", cluster == null ? "none" : cluster);
            config.set("calibration", Json.mapper().valueToTree(BacktestFigures.calibrationSetting(cfg.calibration())));
            config.set("skill_gate", Json.mapper().valueToTree(SkillGateFigures.setting(cfg.skillGate())));
            config.set("strategy", Json.mapper().valueToTree(Map.of("min_strength", cfg.minStrength(), "top_n",
                    cfg.topN(), "risk_pct", cfg.sizing().riskPct(), "uncertainty_threshold_pct",
                    cfg.sizing().uncertaintyThresholdPct(), "daily_loss_pct", cfg.risk().dailyLossPct())));
            BacktestRuns.Run run = new BacktestRuns.Run(runId, sym, timeframe, f.name(), all.ts(start), all.lastTs(),
                    seed, CodeVersion.current(), Json.write(config));
            Backtest.Result[] result = new Backtest.Result[1];
            new BacktestRuns(d, Clock.system()).run(run, progress -> {
                try {
                    Files.createDirectories(out);
                } catch (IOException e) {
                    throw BadInputException.ofField("out", "cannot create the directory " + out + ": " + e);
                }
                Path brokerDb = out.resolve("paper-broker.db");
                for (String s : new String[]{"", "-wal", "-shm"}) {
                    Files.deleteIfExists(out.resolve("paper-broker.db" + s));
                }
                Backtest.Result r;
                try (Database bdb = Database.open("sqlite:" + brokerDb);
                     ConsoleProgress p = new ConsoleProgress("backtest", "steps")) {
                    PaperBroker broker = PaperBroker.open(bdb, runId, BrokerConfig.defaults(), deposit, all.ts(start));
                    broker.withIntrabar(intrabar).withRates(ConversionRates.stored(d.candles(), timeframe))
                            .withSpreads(Spreads.stored(d.candles(), timeframe));
                    r = Backtest.run(all, folds, cfg, broker, instruments, regimes,
                            noCache ? null : new ForecastCache(d),
                            (done, total) -> {
                                p.update(done, total);
                                if (done % 20_000 == 0) {
                                    progress.accept((double) done / Math.max(1, total));
                                }
                            });
                }
                result[0] = r;
                Map<String, Object> metrics = BacktestFigures.metrics(r, instruments);
                metrics.put("symbols", List.of(sym));
                metrics.put("by_symbol", Map.of(sym, Portfolio.symbolFigures(r.trades())));
                AtomicFile.writeString(out.resolve("metrics.json"), Json.write(metrics));
                AtomicFile.writeString(out.resolve("trades.csv"), BacktestReport.tradesCsv(r.trades()));
                AtomicFile.writeString(out.resolve("report.html"), BacktestReport.html(r, List.of(
                        "run " + runId + ", code " + CodeVersion.current() + ", seed " + seed,
                        sym + " " + timeframe + " " + TimeArg.format(all.ts(start)) + " .. " + TimeArg.format(all.lastTs()),
                        "forecaster " + f.name() + " " + f.version() + (folds.size() == 1 ? ", fitted on " + trainBars
                                + " bars before the start" : ", walk-forward: refitted on the " + trainBars + " bars before "
                                + "each of " + folds.size() + " folds of " + refitEvery + " bars"),
                        calibrationLine(cfg.calibration()),
                        m1 == 0 ? "stop/target in one bar: stop first (no M1 bars stored)"
                                : "stop/target in one bar: ordered by " + m1 + " stored M1 bars",
                        "paper broker: " + spreadLine(spreadBars) + ", slippage 0.1 pips, commission $3.5 per lot "
                                + "and side, swap, 30:1")));
                return new BacktestRuns.Outcome(Json.write(metrics), out.resolve("report.html").toAbsolutePath().toString());
            });
            Backtest.Result r = result[0];
            var o = spec.commandLine().getOut();
            PerformanceMetrics m = r.metrics();
            o.printf("run %s: %d trades, %d forecasts (%d from the cache), %d fold(s)%n", runId, r.trades().size(),
                    r.forecasts(), r.cachedForecasts(), folds.size());
            if (cluster != null) {
                o.printf("%d forecasts made on %s, the others were cached already%n", clusterMade, cluster);
            }
            o.printf("calibration %s: %d forecasts withheld while warming up; u p50 %.4f%%%n",
                    cfg.calibration().mode().label(), r.calibration().withheld(), r.uncertainty().uP50());
            r.skillGate().values().forEach(g -> o.println(g.sentence()));
            if (m != null) {
                o.printf("total return %.2f%%, Sharpe %.2f, max drawdown %.2f%%, profit factor %.2f%n",
                        100 * m.totalReturn(), m.sharpe(), 100 * m.maxDrawdown(), m.profitFactor());
            }
            o.println("report: " + out.resolve("report.html"));
            o.flush();
        }
        return 0;
    }

    private List<String> symbolList() {
        if ((symbol == null) == (symbols == null || symbols.isEmpty())) {
            throw new ParameterException(spec.commandLine(), "give --symbol S or --symbols S1,S2,... (one of them)");
        }
        List<String> list = symbol != null ? List.of(symbol) : symbols;
        List<String> out = list.stream().map(String::trim).filter(x -> !x.isEmpty()).map(Instrument::normalise)
                .distinct().toList();
        if (out.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--symbols names no symbol");
        }
        return out;
    }

    /** The folds from {@code start}: one fit on the bars before it, or with --refit-every a refit before each fold. */
    private List<Backtest.Fold> folds(BarSeries all, int start, ForecasterFactory factory) {
        return Backtest.walkForward(all, start, refitEvery == 0 ? all.size() - start : refitEvery, trainBars, factory);
    }

    /**
     * Regime estimates by bar, the model refitted like the forecaster on the bars before each fold; the bars before
     * the first decision bar are estimated by the first fold's fit.
     */
    private RegimeDetector.Estimate[] regimes(BarSeries all, List<Backtest.Fold> folds) {
        RegimeDetector.Estimate[] regimes = new RegimeDetector.Estimate[all.size()];
        for (Backtest.Fold fold : folds) {
            RegimeDetector.Estimate[] e = RegimeDetector.fit(all.slice(fold.from() - trainBars, fold.from()),
                    REGIME_WINDOW, seed).estimates(all.slice(0, fold.to()));
            int first = fold == folds.get(0) ? 0 : fold.from();
            System.arraycopy(e, first, regimes, first, fold.to() - first);
        }
        return regimes;
    }

    /** Several symbols on one account: the forecaster fitted per symbol, once or with --refit-every per fold. */
    private int portfolio(List<String> syms, StrategyConfig cfg) throws Exception {
        Long fromMs = from == null ? null : TimeArg.parse("--from", from);
        long toMs = to == null ? Long.MAX_VALUE : TimeArg.parse("--to", to);
        String runId = "bt-" + syms.size() + "sym-" + timeframe + "-" + System.currentTimeMillis();
        try (ModelRegistry registry = new ModelRegistry(Ldm4tsModel.defaultDevice()); Database d = db.open()) {
            ForecasterFactory factory = ForecasterSpecs.factory(forecaster, cfg.horizons(), registry);
            ForecastCache cache = noCache ? null : new ForecastCache(d);
            List<Portfolio.Leg> legs = new java.util.ArrayList<>();
            Map<String, BarSeries> m1 = new LinkedHashMap<>();
            long[] hits = new long[1];
            Map<String, Integer> foldCount = new LinkedHashMap<>();
            Map<String, BarSeries> bars = new LinkedHashMap<>();
            Map<String, List<Backtest.Fold>> foldsBySymbol = new LinkedHashMap<>();
            for (String sym : syms) {
                BarSeries all = d.candles().read(sym, timeframe, Long.MIN_VALUE, toMs);
                int start = fromMs == null ? trainBars : all.lowerBound(fromMs);
                if (start < trainBars || start >= all.size()) {
                    throw new FxdException("need " + trainBars + " " + sym + " " + timeframe + " bars before the first "
                            + "decision bar and bars after it; have " + Math.min(start, all.size()) + " before and "
                            + Math.max(0, all.size() - start) + " after");
                }
                bars.put(sym, all);
                foldsBySymbol.put(sym, folds(all, start, factory));
            }
            long clusterMade = clusterForecasts(foldsBySymbol, cfg, toMs);
            long spreadBars = 0;
            for (String sym : syms) {
                BarSeries all = bars.get(sym);
                List<Backtest.Fold> folds = foldsBySymbol.get(sym);
                int start = folds.get(0).from();
                foldCount.put(sym, folds.size());
                spreadBars += d.candles().spreads(sym, timeframe, all.ts(start), toMs).size();
                Map<Integer, com.forexdiffusion.forecast.Forecast> f = Backtest.forecasts(all, folds, cfg, cache, hits,
                        (x, y) -> { });
                legs.add(new Portfolio.Leg(all, folds.get(0).forecaster(), f::get, regimes(all, folds), start));
                m1.put(sym, IntrabarBars.storedM1(d.candles(), sym, timeframe, all.ts(start), toMs)
                        .within(sym, Long.MIN_VALUE, Long.MAX_VALUE));
            }
            InstrumentCatalog instruments = InstrumentCatalog.builtIn();
            String label = String.join(",", syms);
            BacktestRuns.Run run = new BacktestRuns.Run(runId, label.length() <= 32 ? label : syms.get(0) + "+"
                    + (syms.size() - 1), timeframe, forecaster, legs.get(0).bars().ts(legs.get(0).start()),
                    legs.get(0).bars().lastTs(), seed, CodeVersion.current(),
                    Json.write(Map.of("symbols", syms, "train_bars", trainBars, "deposit", deposit, "refit_every",
                            refitEvery, "folds", foldCount, "cluster", cluster == null ? "none" : cluster,
                            "spread_bars", spreadBars)));
            Portfolio.Result[] result = new Portfolio.Result[1];
            long finalSpreadBars = spreadBars;
            new BacktestRuns(d, Clock.system()).run(run, progress -> {
                try {
                    Files.createDirectories(out);
                } catch (IOException e) {
                    throw BadInputException.ofField("out", "cannot create the directory " + out + ": " + e);
                }
                for (String s : new String[]{"", "-wal", "-shm"}) {
                    Files.deleteIfExists(out.resolve("paper-broker.db" + s));
                }
                long first = legs.stream().mapToLong(l -> l.bars().ts(l.start())).min().orElseThrow();
                try (Database bdb = Database.openScratch(out.resolve("paper-broker.db"))) {
                    PaperBroker broker = PaperBroker.open(bdb, runId, BrokerConfig.defaults(), deposit, first)
                            .withIntrabar(IntrabarBars.of(m1)).withRates(ConversionRates.stored(d.candles(), timeframe))
                            .withSpreads(Spreads.stored(d.candles(), timeframe));
                    result[0] = Portfolio.run(legs, cfg, broker, instruments, SignalTuning.defaults(), 500,
                            ProgressListener.NONE);
                }
                Backtest.Result r = result[0].account();
                Map<String, Object> metrics = BacktestFigures.metrics(r, instruments);
                metrics.put("symbols", syms);
                Map<String, Object> bySymbol = new LinkedHashMap<>();
                result[0].bySymbol().forEach((s, t) -> bySymbol.put(s, Portfolio.symbolFigures(t)));
                metrics.put("by_symbol", bySymbol);
                AtomicFile.writeString(out.resolve("metrics.json"), Json.write(metrics));
                AtomicFile.writeString(out.resolve("trades.csv"), BacktestReport.tradesCsv(r.trades()));
                AtomicFile.writeString(out.resolve("report.html"), BacktestReport.html(r, List.of(
                        "run " + runId + ", code " + CodeVersion.current() + ", seed " + seed,
                        label + " " + timeframe + " on one account", "forecaster " + forecaster + " fitted per symbol on "
                                + trainBars + " bars before its start" + (refitEvery == 0 ? "" : ", refitted on the "
                                + trainBars + " bars before each fold of " + refitEvery + " bars " + foldCount),
                        calibrationLine(cfg.calibration()), "paper broker: " + spreadLine(finalSpreadBars))));
                return new BacktestRuns.Outcome(Json.write(metrics), out.resolve("report.html").toAbsolutePath().toString());
            });
            Backtest.Result r = result[0].account();
            var o = spec.commandLine().getOut();
            o.printf("run %s: %d trades on %s, %s fold(s)%n", runId, r.trades().size(), label, foldCount);
            result[0].bySymbol().forEach((s, t) -> o.printf("  %s: %d trades%n", s, t.size()));
            if (cluster != null) {
                o.printf("%d forecasts made on %s, the others were cached already%n", clusterMade, cluster);
            }
            r.skillGate().forEach((s, g) -> o.printf("  %s %s%n", s, g.sentence()));
            if (r.metrics() != null) {
                o.printf("total return %.2f%%, Sharpe %.2f, max drawdown %.2f%%%n", 100 * r.metrics().totalReturn(),
                        r.metrics().sharpe(), 100 * r.metrics().maxDrawdown());
            }
            o.println("report: " + out.resolve("report.html"));
            o.flush();
        }
        return 0;
    }

    /** With --cluster, every symbol's forecasts made there and put in the cache first; the number made. */
    private long clusterForecasts(Map<String, List<Backtest.Fold>> foldsBySymbol, StrategyConfig cfg, long toMs) {
        return cluster == null ? 0
                : BacktestForecasts.of(db.url, timeframe, toMs, forecaster, trainBars, cfg).makeOn(cluster, foldsBySymbol);
    }

    /** Where the fills' spreads come from: the stored bars that state one, else the per-symbol spread. */
    private static String spreadLine(long spreadBars) {
        return spreadBars == 0 ? "spread 0.8 pips (no bar states its own)"
                : "spread from " + spreadBars + " stored bars that state one (0.8 pips where none does)";
    }

    private static String calibrationLine(CalibrationConfig c) {
        return c.mode() == com.forexdiffusion.forecast.conformal.CalibrationMode.NONE
                ? "calibration none: signals, u and sizing read the raw quantiles"
                : "calibration " + c.mode().label() + " at " + Math.round(100 * (1 - c.alpha())) + "%: signals, u and "
                + "sizing read the calibrated quantiles, from " + c.warmup() + " resolved outcomes per horizon on";
    }


}
