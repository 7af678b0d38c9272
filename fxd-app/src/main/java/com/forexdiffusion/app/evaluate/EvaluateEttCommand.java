package com.forexdiffusion.app.evaluate;

import com.forexdiffusion.app.CodeVersion;
import com.forexdiffusion.app.Json;
import com.forexdiffusion.app.console.Table;
import com.forexdiffusion.core.AtomicFile;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.forecast.longhorizon.LongHorizonBenchmark;
import com.forexdiffusion.forecast.longhorizon.LongHorizonData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "ett", mixinStandardHelpOptions = true,
        description = {"Long-horizon benchmark protocol: standard splits (ETT 12/4/4 months, others 70/10/20),",
                "z-score with train statistics, MSE and MAE in the normalised space, beside published DLinear figures."})
public final class EvaluateEttCommand implements Callable<Integer> {
    /** DLinear, lookback 96, as tabulated in the iTransformer and TimesNet papers (shared/spec/PAPER.md). */
    static final Map<Integer, double[]> DLINEAR_ETTH1 = Map.of(96, new double[]{0.386, 0.400},
            192, new double[]{0.437, 0.432}, 336, new double[]{0.481, 0.459}, 720, new double[]{0.519, 0.516});

    @Option(names = "--file", required = true, description = "ETTh1.csv, ETTm1.csv, exchange_rate.txt, weather.csv")
    Path file;

    @Option(names = "--horizons", defaultValue = "96,192,336,720", split = ",")
    List<Integer> horizons;

    @Option(names = "--lookback", defaultValue = "96")
    int lookback;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write DIR/metrics.json.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            throw BadInputException.ofSource(file.toString(), "no such file");
        }
        String name = file.getFileName().toString();
        LongHorizonData data;
        if (name.startsWith("ETTh")) {
            data = LongHorizonData.ett(file, 1, lookback);
        } else if (name.startsWith("ETTm")) {
            data = LongHorizonData.ett(file, 4, lookback);
        } else if (name.startsWith("exchange")) {
            data = LongHorizonData.custom(file, false, false, lookback);
        } else {
            data = LongHorizonData.custom(file, true, true, lookback);
        }
        Map<String, Map<Integer, LongHorizonBenchmark.Score>> r = LongHorizonBenchmark.run(data, lookback, horizons);
        Table t = new Table("DATA", "FORECASTER", "HORIZON", "MSE", "MAE", "PUBLISHED DLINEAR MSE/MAE");
        r.forEach((f, byH) -> byH.forEach((h, s) -> {
            double[] pub = name.startsWith("ETTh1") && f.equals("dlinear") ? DLINEAR_ETTH1.get(h) : null;
            t.row(name, f, h, String.format(Locale.ROOT, "%.4f", s.mse()), String.format(Locale.ROOT, "%.4f", s.mae()),
                    pub == null ? "" : String.format(Locale.ROOT, "%.3f / %.3f (ratio %.3f)", pub[0], pub[1],
                            s.mse() / pub[0]));
        }));
        t.print(spec.commandLine().getOut());
        spec.commandLine().getOut().println("LDM4TS is not in this table yet: it has no trained checkpoint (the model "
                + "comes with its own issue); the paper's own table could not be read (shared/spec/PAPER.md).");
        if (out != null) {
            Map<String, Object> json = new LinkedHashMap<>();
            r.forEach((f, byH) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                byH.forEach((h, s) -> m.put(Integer.toString(h), Map.of("mse", s.mse(), "mae", s.mae(), "n", s.points())));
                json.put(f, m);
            });
            json.put("_run", Map.of("file", file.toString(), "lookback", lookback, "channels", data.channels(),
                    "splits_end", Arrays.toString(data.ends()), "code_version", CodeVersion.current()));
            AtomicFile.writeString(out.resolve("metrics.json"), Json.write(json));
        }
        return 0;
    }
}
