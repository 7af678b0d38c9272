package com.forexdiffusion.app.evaluate;

import com.forexdiffusion.app.CodeVersion;
import com.forexdiffusion.app.Json;
import com.forexdiffusion.app.console.ConsoleProgress;
import com.forexdiffusion.app.console.Table;
import com.forexdiffusion.app.forecast.ForecasterSpecs;
import com.forexdiffusion.core.AtomicFile;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.forecast.longhorizon.LongHorizonBenchmark;
import com.forexdiffusion.forecast.longhorizon.LongHorizonData;
import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.forexdiffusion.ldm4ts.service.Ldm4tsForecaster;
import com.forexdiffusion.ldm4ts.service.Ldm4tsSequenceForecaster;
import com.forexdiffusion.ldm4ts.service.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "ett", mixinStandardHelpOptions = true,
        description = {"Long-horizon benchmark protocol: standard splits (ETT 12/4/4 months, others 70/10/20),",
                "z-score with train statistics, MSE and MAE in the normalised space, beside published DLinear figures."},
        footer = {"%nExamples:",
                "  fxd evaluate ett --file /data/ETTh1.csv",
                "  fxd evaluate ett --file /data/ETTh1.csv --horizons 96 --model models/etth1 \\",
                "      --out runs/ett"})
public final class EvaluateEttCommand implements Callable<Integer> {
    /** DLinear, lookback 96, as tabulated in the iTransformer and TimesNet papers (shared/spec/PAPER.md). */
    static final Map<Integer, double[]> DLINEAR_ETTH1 = Map.of(96, new double[]{0.386, 0.400},
            192, new double[]{0.437, 0.432}, 336, new double[]{0.481, 0.459}, 720, new double[]{0.519, 0.516});

    @Option(names = "--file", required = true, description = "The benchmark file: ETTh1.csv, ETTm1.csv, "
            + "exchange_rate.txt or weather.csv.")
    Path file;

    @Option(names = "--horizons", defaultValue = "96,192,336,720", split = ",",
            description = "Steps ahead, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Integer> horizons;

    @Option(names = "--lookback", defaultValue = "" + LongHorizonData.LOOKBACK,
            description = "Input steps per window (default: ${DEFAULT-VALUE}).")
    int lookback;

    @Option(names = "--model", paramLabel = "DIR", description = "An LDM4TS checkpoint trained with fxd train --ett "
            + "on this file (repeatable); scored beside the baselines.")
    List<Path> models = new ArrayList<>();

    @Option(names = "--samples", defaultValue = "4", converter = com.forexdiffusion.app.SamplesConverter.class,
            description = "Monte Carlo samples per LDM4TS forecast; the "
            + "point forecast is their mean (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--stride", defaultValue = "1", description = "Score every k-th test start row (all channels); "
            + "every forecaster is scored on the same windows (default: ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write DIR/metrics.json.")
    Path out;

    @Option(names = "--json", description = "Print JSON instead of the table: {\"horizons\": {\"96\": {\"mse\", "
            + "\"mae\" (the first --model's), \"dlinear_mse\", \"repeat_last_mse\"}, ...}, \"forecasters\": every "
            + "forecaster's figures}.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (stride < 1) {
            throw new FxdException("--stride must be at least 1, got " + stride);
        }
        String name = file.getFileName().toString();
        LongHorizonData data = LongHorizonData.load(file, lookback);
        List<Integer> hs = horizons.stream().sorted().toList();
        Map<String, Map<Integer, LongHorizonBenchmark.Score>> r = new LinkedHashMap<>();
        Map<String, Ldm4tsSequenceForecaster> seqs = new LinkedHashMap<>();
        try (ModelRegistry registry = new ModelRegistry(Ldm4tsModel.defaultDevice())) {
            // Every checkpoint is loaded and checked before any scoring, so a bad one fails at once.
            for (Path dir : models) {
                Ldm4tsForecaster model = registry.load(dir);
                if (model.lookback() != lookback) {
                    throw BadInputException.ofField("model", dir + " reads " + model.lookback() + " rows, the protocol "
                            + lookback);
                }
                String fname = ForecasterSpecs.displayName(model.config());
                if (seqs.containsKey(fname)) {
                    throw new FxdException("two models named " + fname + "; evaluate them in separate runs");
                }
                var seq = new Ldm4tsSequenceForecaster(model, data, samples, seed);
                seq.requireSteps(hs.get(hs.size() - 1));
                seqs.put(fname, seq);
            }
            r.putAll(LongHorizonBenchmark.run(data, lookback, hs, stride));
            for (var e : seqs.entrySet()) {
                Map<Integer, LongHorizonBenchmark.Score> byH = new LinkedHashMap<>();
                // The shortest horizon has the most windows, a superset of the others': every forecast is made there.
                try (ConsoleProgress bar = new ConsoleProgress(e.getKey() + " " + name, "windows")) {
                    for (int h : hs) {
                        byH.put(h, LongHorizonBenchmark.score(data, lookback, h, e.getValue(), stride, 256,
                                h == hs.get(0) ? bar : null));
                    }
                }
                r.put(e.getKey(), byH);
            }
        }
        if (json) {
            spec.commandLine().getOut().println(Json.write(summary(r, seqs)));
        } else {
            printTable(name, r);
        }
        if (out != null) {
            Map<String, Object> json = new LinkedHashMap<>(byForecaster(r));
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("file", file.toString());
            run.put("lookback", lookback);
            run.put("channels", data.channels());
            run.put("splits_end", Arrays.toString(data.ends()));
            run.put("stride", stride);
            run.put("samples", samples);
            run.put("seed", seed);
            run.put("models", models.stream().map(Path::toString).toList());
            run.put("code_version", CodeVersion.current());
            json.put("_run", run);
            AtomicFile.writeString(out.resolve("metrics.json"), Json.write(json));
        }
        return 0;
    }

    private void printTable(String name, Map<String, Map<Integer, LongHorizonBenchmark.Score>> r) {
        Table t = new Table("DATA", "FORECASTER", "HORIZON", "MSE", "MAE", "PUBLISHED DLINEAR MSE/MAE");
        r.forEach((f, byH) -> byH.forEach((h, s) -> {
            double[] pub = name.startsWith("ETTh1") && f.equals("dlinear") ? DLINEAR_ETTH1.get(h) : null;
            t.row(name, f, h, String.format(Locale.ROOT, "%.4f", s.mse()), String.format(Locale.ROOT, "%.4f", s.mae()),
                    pub == null ? "" : String.format(Locale.ROOT, "%.3f / %.3f (ratio %.3f)", pub[0], pub[1],
                            s.mse() / pub[0]));
        }));
        t.print(spec.commandLine().getOut());
        if (stride > 1) {
            spec.commandLine().getOut().printf(Locale.ROOT, "every %d-th test start row (all channels), the same windows "
                    + "for every forecaster%n", stride);
        }
        spec.commandLine().getOut().println("The LDM4TS paper's own table could not be read (shared/spec/PAPER.md): "
                + "LDM4TS is reported beside DLinear and the repeat-last forecast.");
    }

    private static Map<String, Object> byForecaster(Map<String, Map<Integer, LongHorizonBenchmark.Score>> r) {
        Map<String, Object> json = new LinkedHashMap<>();
        r.forEach((f, byH) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            byH.forEach((h, s) -> m.put(Integer.toString(h), Map.of("mse", s.mse(), "mae", s.mae(), "n", s.points())));
            json.put(f, m);
        });
        return json;
    }

    /** The --json answer: per horizon the first model's figures beside the baselines', then everything. */
    private static Map<String, Object> summary(Map<String, Map<Integer, LongHorizonBenchmark.Score>> r,
                                               Map<String, Ldm4tsSequenceForecaster> models) {
        String first = models.isEmpty() ? null : models.keySet().iterator().next();
        Map<String, Object> horizons = new LinkedHashMap<>();
        r.get("dlinear").forEach((h, d) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            if (first != null) {
                m.put("mse", r.get(first).get(h).mse());
                m.put("mae", r.get(first).get(h).mae());
            }
            m.put("dlinear_mse", d.mse());
            m.put("repeat_last_mse", r.get("repeat-last").get(h).mse());
            horizons.put(Integer.toString(h), m);
        });
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", first);
        json.put("horizons", horizons);
        json.put("forecasters", byForecaster(r));
        return json;
    }
}
