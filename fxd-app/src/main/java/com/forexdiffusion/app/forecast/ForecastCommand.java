package com.forexdiffusion.app.forecast;

import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.forexdiffusion.app.DbOptions;
import com.forexdiffusion.app.Json;
import com.forexdiffusion.app.TimeArg;
import com.forexdiffusion.app.console.Table;
import com.forexdiffusion.app.data.TimeframeConverter;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.CandleStore;
import com.forexdiffusion.data.models.ModelRecords;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastJson;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.HorizonForecast;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;
import com.forexdiffusion.forecast.log.InferenceMonitor;
import com.forexdiffusion.forecast.log.PredictionLog;
import com.forexdiffusion.ldm4ts.service.Ldm4tsForecaster;
import com.forexdiffusion.ldm4ts.service.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = {"Forecast the close per horizon from the bars up to --at (default: the last stored bar).",
                "Baselines are fitted on the --train-bars before the forecast time. --log records the forecast in",
                "ldm4ts_predictions and first resolves every earlier prediction whose target bar has closed."},
        footer = {"%nExamples:",
                "  fxd forecast --symbol EURUSD --timeframe M15 --forecaster rw-garch",
                "  fxd forecast --symbol EURUSD --timeframe M5 --model models/latest \\",
                "      --at 2023-06-01T12:00 --samples 100 --json"})
public final class ForecastCommand implements Callable<Integer> {
    @Mixin
    DbOptions db;

    @Option(names = "--forecaster", defaultValue = "rw-garch",
            description = "rw-ewma, rw-garch or dlinear (default: ${DEFAULT-VALUE}).")
    String forecaster;

    @Option(names = "--model", paramLabel = "DIR",
            description = "An LDM4TS checkpoint directory (instead of a baseline).")
    Path model;

    @Option(names = "--symbol", required = true, description = "Instrument, e.g. EURUSD or EUR/USD.")
    String symbol;

    @Option(names = "--timeframe", required = true, converter = TimeframeConverter.class,
            description = "Bar timeframe, e.g. M1, M5, M15, H1, H4, D1 or D1_NY.")
    Timeframe timeframe;

    @Option(names = "--at", description = "Forecast time: the last bar open at or before it (UTC).")
    String at;

    @Option(names = "--horizons", description = "Minutes, comma-separated (default: the model's, or 15,60,240).")
    String horizons;

    @Option(names = "--samples", defaultValue = "50", converter = com.forexdiffusion.app.SamplesConverter.class,
            description = "Monte Carlo samples per forecast; the quantiles come from them (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--train-bars", defaultValue = "5000", description = "Bars before the forecast time that fit a "
            + "baseline (default: ${DEFAULT-VALUE}).")
    int trainBars;

    @Option(names = "--json", description = "Print the predictions JSON form.")
    boolean json;

    @Option(names = "--log", description = "Record the forecast in the prediction log.")
    boolean log;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String sym = Instrument.normalise(symbol);
        try (ModelRegistry registry = new ModelRegistry(Ldm4tsModel.defaultDevice()); Database d = db.openExisting()) {
            Ldm4tsForecaster ldm = model == null ? null : registry.load(model);
            List<Horizon> hs = horizons != null ? Horizon.parseList(horizons)
                    : ldm != null ? ldm.horizons() : Horizon.parseList("15,60,240");
            hs.forEach(h -> h.bars(timeframe));
            if (ldm != null) {
                ldm.requireHorizons(hs);
            }
            ForecasterFactory factory = ldm == null ? ForecasterFactory.named(forecaster, hs) : null;
            long t = at == null ? Long.MAX_VALUE - 1 : TimeArg.parse("--at", at);
            // Nothing after the forecast time is read.
            BarSeries bars = d.candles().read(sym, timeframe, Long.MIN_VALUE, t + 1);
            Forecaster f;
            if (ldm != null) {
                if (bars.size() < ldm.lookback()) {
                    throw new FxdException("model " + ldm.version() + " reads " + ldm.lookback() + " " + sym + " "
                            + timeframe + " bars up to the forecast time, " + d.url() + " has " + bars.size());
                }
                f = ldm;
            } else {
                if (bars.size() < trainBars + 2) {
                    throw new FxdException("need at least " + (trainBars + 2) + " " + sym + " " + timeframe
                            + " bars up to the forecast time, have " + bars.size() + " (lower --train-bars?)");
                }
                f = factory.fit(bars.slice(bars.size() - trainBars - 1, bars.size()));
            }
            int end = bars.size();
            int from = Math.max(0, end - f.lookback() - 1);
            Forecast fc = f.forecast(new ForecastRequest(bars.slice(from, end), hs, samples, seed, false));
            if (log) {
                PredictionLog pl = new PredictionLog(d::connection, InstantSource.system());
                int resolved = pl.resolve(closes(d.candles()));
                pl.record(fc, samples);
                InferenceMonitor monitor = new InferenceMonitor(d::connection, InstantSource.system(), fc.modelVersion(),
                        fc.symbol(), fc.timeframe().name(), 1, Long.MAX_VALUE);
                monitor.served(fc);
                new ModelRecords(d).refreshProduction(fc.modelVersion(), System.currentTimeMillis());
                spec.commandLine().getErr().printf("logged %d predictions; resolved %d earlier ones%n",
                        fc.horizons().size(), resolved);
            }
            print(fc);
        }
        return 0;
    }

    public static com.forexdiffusion.forecast.log.PriceSource closes(CandleStore store) {
        return (s, tf, ts) -> {
            BarSeries b = store.read(s, tf, ts, ts + 1);
            return b.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(b.close(0));
        };
    }

    private void print(Forecast fc) {
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(ForecastJson.predictions(fc)));
        } else {
            out.printf("%s %s at %s, close %s, %s %s (%.2f ms)%n", fc.symbol(), fc.timeframe(), Instant.ofEpochMilli(fc.time()),
                    fc.lastClose(), fc.modelName(), fc.modelVersion(), fc.inferenceMillis());
            Table t = new Table("HORIZON", "TARGET (UTC)", "MEAN", "SIGMA", "Q05", "Q50", "Q95", "U %");
            for (HorizonForecast h : fc.horizons()) {
                t.row(h.horizon(), TimeArg.format(h.targetTime()), f5(h.mean()), f5(h.std()), f5(h.q05()), f5(h.q50()),
                        f5(h.q95()), String.format(Locale.ROOT, "%.3f", h.uncertaintyPct(fc.lastClose())));
            }
            t.print(out);
        }
        out.flush();
    }

    private static String f5(double v) {
        return String.format(Locale.ROOT, "%.5f", v);
    }
}
