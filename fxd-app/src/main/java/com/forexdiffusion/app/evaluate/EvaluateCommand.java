package com.forexdiffusion.app.evaluate;

import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.forexdiffusion.app.CodeVersion;
import com.forexdiffusion.app.DbOptions;
import com.forexdiffusion.app.Json;
import com.forexdiffusion.app.TimeArg;
import com.forexdiffusion.app.console.ConsoleProgress;
import com.forexdiffusion.app.console.Table;
import com.forexdiffusion.cluster.SparkCluster;
import com.forexdiffusion.cluster.SparkTaskPool;
import com.forexdiffusion.app.data.TimeframeConverter;
import com.forexdiffusion.core.AtomicFile;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.core.parallel.LocalTaskPool;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.conformal.ConformalCalibrator;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;
import com.forexdiffusion.app.forecast.ForecasterSpecs;
import com.forexdiffusion.ldm4ts.service.ModelRegistry;
import com.forexdiffusion.forecast.evaluation.WalkForward;
import com.forexdiffusion.forecast.evaluation.WalkForwardConfig;
import com.forexdiffusion.forecast.report.EvaluationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Walk-forward evaluation of forecasters on the same rolling folds (train, calibration, test):",
                "MSE and MAE of log returns, CRPS, pinball, 90%% coverage, PIT, directional accuracy per horizon.",
                "Writes DIR/metrics.json, DIR/metrics.csv, DIR/run.json and DIR/report.html (SVG charts).",
                "fxd evaluate ett: the long-horizon benchmark protocol on ETT, Exchange or Weather files."},
        footer = {"%nExamples:",
                "  fxd evaluate --symbol EURUSD --timeframe M15 --forecasters rw-garch,dlinear \\",
                "      --out runs/eval-m15",
                "  fxd evaluate --symbol EURUSD --timeframe M5 \\",
                "      --forecasters rw-garch,ldm4ts:models/latest --conformal aci \\",
                "      --out runs/eval-m5"},
        subcommands = {EvaluateEttCommand.class})
public final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    DbOptions db;

    @Option(names = "--symbol", description = "Instrument, e.g. EURUSD (required).")
    String symbol;

    @Option(names = "--timeframe", converter = TimeframeConverter.class, description = "Bar timeframe, e.g. H1 "
            + "(required).")
    Timeframe timeframe;

    @Option(names = "--forecasters", defaultValue = "rw-ewma,rw-garch", split = ",",
            description = "Comma-separated: rw-ewma, rw-garch, dlinear, ldm4ts:DIR (a checkpoint that saw no bar "
                    + "after the first fold's training bars) (default: ${DEFAULT-VALUE}).")
    List<String> forecasters;

    @Option(names = "--conformal", description = "Conformal calibration of the intervals: none (the "
            + "default), split or aci.")
    String conformal;

    @Option(names = "--horizons", defaultValue = Horizon.DEFAULT_LIST,
            description = "Minutes (default: ${DEFAULT-VALUE}).")
    String horizons;

    @Option(names = "--from", description = "First bar (UTC).")
    String from;

    @Option(names = "--to", description = "End, exclusive (UTC).")
    String to;

    @Option(names = "--train-bars", defaultValue = "5000", description = "Bars per fold that fit the forecasters"
            + " (default: ${DEFAULT-VALUE}).")
    int trainBars;

    @Option(names = "--calibration-bars", defaultValue = "2000", description = "Bars per fold after the training "
            + "bars that calibrate the intervals (default: ${DEFAULT-VALUE}).")
    int calibrationBars;

    @Option(names = "--test-bars", defaultValue = "2000", description = "Bars per fold that are scored; the next "
            + "fold starts after them (default: ${DEFAULT-VALUE}).")
    int testBars;

    @Option(names = "--step", defaultValue = "4",
            description = "Forecast every STEP-th bar (default: ${DEFAULT-VALUE}).")
    int step;

    @Option(names = "--samples", defaultValue = "100", converter = com.forexdiffusion.app.SamplesConverter.class,
            description = "Monte Carlo samples per forecast (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Directory for the reports (required).")
    Path out;

    @Option(names = "--cluster", paramLabel = "URL", description = "Run each (fold, forecaster) as a task on Apache "
            + "Spark: spark://HOST:PORT or local[N]; the figures equal a run without it. Executors read the bars "
            + "themselves, so --db must be a database they reach (PostgreSQL, or a shared SQLite file).")
    String cluster;

    @Option(names = "--workers", defaultValue = "1", description = "(fold, forecaster) tasks at once on this "
            + "machine; the figures equal those of one (default: ${DEFAULT-VALUE}: in turn, with progress per "
            + "forecast).")
    int workers;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (symbol == null || timeframe == null || out == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "fxd evaluate needs --symbol, --timeframe and --out (or the subcommand ett)");
        }
        List<Horizon> hs = Horizon.parseList(horizons);
        ConformalCalibrator.Mode mode = conformal == null ? null : switch (conformal.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> null;
            case "split" -> ConformalCalibrator.Mode.SPLIT;
            case "aci" -> ConformalCalibrator.Mode.ADAPTIVE;
            default -> throw BadInputException.ofField("conformal", "unknown mode '" + conformal + "' (none, split, aci)");
        };
        WalkForwardConfig cfg = new WalkForwardConfig(trainBars, calibrationBars, testBars, step, hs, samples, seed, mode,
                0.1);
        String sym = Instrument.normalise(symbol);
        WalkForward.Result r;
        BarSeries bars;
        try (ModelRegistry registry = new ModelRegistry(Ldm4tsModel.defaultDevice())) {
            // Forecasters first: an unknown name or a broken checkpoint is reported before any data is read.
            List<ForecasterFactory> factories = new ArrayList<>();
            for (String name : forecasters) {
                ForecasterFactory f = ForecasterSpecs.factory(name, hs, registry);
                if (factories.stream().anyMatch(g -> g.name().equals(f.name()))) {
                    throw BadInputException.ofField("forecasters", "two forecasters named " + f.name());
                }
                factories.add(f);
            }
            if (cluster != null) {
                SparkCluster.check("cluster", cluster);
            }
            if (workers < 1) {
                throw BadInputException.ofField("workers", "must be at least 1, got " + workers);
            }
            long fromMs = from == null ? Long.MIN_VALUE : TimeArg.parse("--from", from);
            long toMs = to == null ? Long.MAX_VALUE : TimeArg.parse("--to", to);
            try (Database d = db.openExisting()) {
                bars = d.candles().read(sym, timeframe, fromMs, toMs);
            }
            if (bars.isEmpty()) {
                throw new FxdException("no " + sym + " " + timeframe + " bars stored in the requested range");
            }
            List<String> names = factories.stream().map(ForecasterFactory::name).toList();
            EvaluateFolds task = new EvaluateFolds(db.url, sym, timeframe, fromMs, toMs, forecasters, cfg);
            if (cluster != null) {
                try (SparkTaskPool pool = SparkTaskPool.connect("cluster", cluster, "fxd evaluate " + sym);
                     ConsoleProgress p = new ConsoleProgress("evaluate on " + cluster, "tasks")) {
                    r = WalkForward.run(bars, names, cfg, pool, task, p);
                }
            } else if (workers > 1) {
                try (ConsoleProgress p = new ConsoleProgress("evaluate", "tasks")) {
                    r = WalkForward.run(bars, names, cfg, new LocalTaskPool(workers), task, p);
                }
            } else {
                try (ConsoleProgress p = new ConsoleProgress("evaluate", "forecasts")) {
                    r = WalkForward.run(bars, factories, cfg, p);
                }
            }
        }
        write(r, bars, cfg);
        print(r);
        return 0;
    }

    private void write(WalkForward.Result r, BarSeries bars, WalkForwardConfig cfg) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        StringBuilder csv = new StringBuilder("forecaster,horizon_minutes,n,mse,mae,mse_price,mae_price,crps,coverage90,"
                + "directional_accuracy,directional_n,pit_chi2_p\n");
        r.metrics().forEach((name, byH) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            byH.forEach((h, s) -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("mse", s.mseReturn());
                e.put("mae", s.maeReturn());
                e.put("mse_price", s.msePrice());
                e.put("mae_price", s.maePrice());
                e.put("crps", s.crps());
                e.put("coverage90", s.coverage90());
                e.put("sigma_abs_return_spearman", s.sigmaAbsReturnSpearman());
                e.put("directional_accuracy", s.directional().accuracy());
                e.put("directional_n", s.directional().n());
                e.put("pit_counts", s.pit().counts());
                e.put("pit_chi2_p", s.pit().pValue());
                e.put("n", s.n());
                // A figure that is not defined (no directional calls, too few points) is null, not the string "NaN".
                e.replaceAll((k, v) -> v instanceof Double x && !Double.isFinite(x) ? null : v);
                m.put(Integer.toString(h.minutes()), e);
                csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.6e,%.6e,%.6e,%.6e,%.6e,%.4f,%.4f,%d,%.4g%n", name,
                        h.minutes(), s.n(), s.mseReturn(), s.maeReturn(), s.msePrice(), s.maePrice(), s.crps(),
                        s.coverage90(), s.directional().accuracy(), s.directional().n(), s.pit().pValue()));
            });
            metrics.put(name, m);
        });
        ObjectNode run = Json.mapper().createObjectNode();
        run.put("command", "evaluate");
        run.put("code_version", CodeVersion.current());
        run.put("symbol", bars.symbol());
        run.put("timeframe", bars.timeframe().name());
        run.put("data_first", TimeArg.format(bars.firstTs()));
        run.put("data_last", TimeArg.format(bars.lastTs()));
        run.put("bars", bars.size());
        run.put("seed", cfg.seed());
        run.set("config", Json.mapper().valueToTree(Map.of("train_bars", cfg.trainBars(), "calibration_bars",
                cfg.calibrationBars(), "test_bars", cfg.testBars(), "step", cfg.step(), "samples", cfg.samples(),
                "horizons", cfg.horizons().stream().map(Horizon::minutes).toList(), "conformal",
                String.valueOf(cfg.conformal()), "alpha", cfg.alpha(), "forecasters", forecasters)));
        run.put("cluster", cluster == null ? "none" : cluster);
        run.put("workers", workers);
        run.put("folds", r.folds().size());
        run.put("test_forecasts", r.testForecasts());
        AtomicFile.writeString(out.resolve("metrics.json"), Json.write(metrics));
        AtomicFile.writeString(out.resolve("metrics.csv"), csv.toString());
        AtomicFile.writeString(out.resolve("run.json"), Json.write(run));
        AtomicFile.writeString(out.resolve("report.html"), EvaluationReport.html(r, r.metrics().containsKey("rw-ewma")
                ? "rw-ewma" : r.metrics().keySet().iterator().next(), List.of(
                bars.symbol() + " " + bars.timeframe() + ", " + TimeArg.format(bars.firstTs()) + " .. "
                        + TimeArg.format(bars.lastTs()) + " (" + bars.size() + " bars)",
                r.folds().size() + " folds of " + cfg.trainBars() + " train, " + cfg.calibrationBars() + " calibration, "
                        + cfg.testBars() + " test bars; a forecast every " + cfg.step() + " bars; "
                        + cfg.samples() + " samples",
                "conformal: " + (cfg.conformal() == null ? "none" : cfg.conformal()) + "; seed " + cfg.seed()
                        + "; code " + CodeVersion.current())));
    }

    private void print(WalkForward.Result r) {
        Table t = new Table("FORECASTER", "HORIZON", "N", "MSE(ret)", "MAE(ret)", "CRPS", "COVER90", "DIR ACC");
        r.metrics().forEach((name, byH) -> byH.forEach((h, s) -> t.row(name, h, s.n(),
                String.format(Locale.ROOT, "%.4e", s.mseReturn()), String.format(Locale.ROOT, "%.4e", s.maeReturn()),
                String.format(Locale.ROOT, "%.4e", s.crps()), String.format(Locale.ROOT, "%.1f%%", 100 * s.coverage90()),
                Double.isNaN(s.directional().accuracy()) ? "no calls"
                        : String.format(Locale.ROOT, "%.1f%%", 100 * s.directional().accuracy()))));
        t.print(spec.commandLine().getOut());
        spec.commandLine().getOut().printf("%d folds, %d test forecasts; results in %s%n", r.folds().size(),
                r.testForecasts(), out);
        spec.commandLine().getOut().flush();
    }
}
