package com.forexdiffusion.app.demo;

import com.forexdiffusion.app.DbOptions;
import com.forexdiffusion.app.TimeArg;
import com.forexdiffusion.app.console.ConsoleProgress;
import com.forexdiffusion.app.data.DataInfoCommand;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.ldm4ts.checkpoint.Checkpoint;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.resample.Resampler;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticData;
import com.forexdiffusion.data.resample.StoredResampling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole path on the embedded defaults: generate a year of SYNTHETIC M1 bars, store them,",
                "resample to M5, M15, H1, H4 and D1, print the data summary, then backtest a baseline forecaster",
                "(DLinear, fitted on the first 2000 H1 bars) and print where the report is; with an LDM4TS checkpoint",
                "(--model DIR, or models/latest), backtest it too on the last day of M5."},
        footer = {"%nExamples:",
                "  fxd demo",
                "  fxd demo --days 90 --seed 7"})
public final class DemoCommand implements Callable<Integer> {
    static final List<Timeframe> TARGETS = List.of(Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.H4,
            Timeframe.D1);

    @Mixin
    DbOptions db;

    @Option(names = "--symbol", defaultValue = "EURUSD",
            description = "Instrument label of the synthetic bars (default: ${DEFAULT-VALUE}).")
    String symbol;

    @Option(names = "--days", defaultValue = "365",
            description = "Calendar days of synthetic M1 bars (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of the data and every random draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", defaultValue = "2023-01-02",
            description = "First day of the bars, UTC (default: ${DEFAULT-VALUE}).")
    String start;

    @Option(names = "--model", paramLabel = "DIR", description = "An LDM4TS checkpoint (fxd train) for M5 bars: also "
            + "backtest it on the last day of M5 (default: models/latest when it exists).")
    java.nio.file.Path model;

    @Option(names = "--model-samples", defaultValue = "8", description = "Monte Carlo samples per LDM4TS forecast in "
            + "the demo (default: ${DEFAULT-VALUE}).")
    int modelSamples;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Instrument instrument = InstrumentCatalog.builtIn().resolve(symbol);
        long t0 = System.nanoTime();
        java.nio.file.Path checkpoint = model != null ? model
                : java.nio.file.Files.isRegularFile(java.nio.file.Path.of("models/latest/model.safetensors"))
                ? java.nio.file.Path.of("models/latest") : null;
        int steps = checkpoint == null ? 4 : 5;
        out.printf("ForexDiffusion demo on %s (all data below is SYNTHETIC, seed %d)%n", db.url, seed);
        try (Database d = db.open()) {
            out.printf("[1/" + steps + "] generating %d days of %s M1 bars and storing them%n", days, instrument.symbol());
            out.flush();
            SyntheticConfig cfg = SyntheticConfig.forInstrument(instrument, seed);
            BarSeries bars;
            try (ConsoleProgress progress = new ConsoleProgress("store", "bars")) {
                bars = SyntheticData.generateAndStore(d.candles(), instrument, cfg,
                        TimeArg.parse("--start", start), days, progress);
            }
            out.printf("      %d bars, %s .. %s%n", bars.size(), TimeArg.format(bars.firstTs()),
                    TimeArg.format(bars.lastTs()));
            out.printf("[2/" + steps + "] resampling M1 to %s%n", TARGETS);
            out.flush();
            StoredResampling.resample(d.candles(), instrument.symbol(), Timeframe.M1, TARGETS,
                    Resampler.Alignment.UTC);
            out.println("[3/" + steps + "] data summary");
            DataInfoCommand.print(d.candles().info(), false, out);
        }
        BarSeries h1;
        try (Database d = db.open()) {
            h1 = d.candles().readAll(instrument.symbol(), Timeframe.H1);
        }
        if (h1.size() > 2500) {
            out.println("[4/" + steps + "] backtest: dlinear on H1 (horizons 60 and 240 minutes), paper broker with costs");
            out.flush();
            String from = TimeArg.format(h1.ts(2000));
            int code = spec.commandLine().getParent().getSubcommands().get("backtest").execute("--db", db.url,
                    "--symbol", instrument.symbol(), "--timeframe", "H1", "--from", from, "--forecaster", "dlinear",
                    "--train-bars", "2000", "--horizons", "60,240", "--seed", Long.toString(seed), "--out",
                    "out/demo-backtest");
            if (code != 0) {
                return code;
            }
        } else {
            out.println("[4/" + steps + "] backtest skipped: " + h1.size() + " H1 bars are too few (use more --days)");
        }
        if (checkpoint != null) {
            BarSeries m5;
            try (Database d = db.open()) {
                m5 = d.candles().readAll(instrument.symbol(), Timeframe.M5);
            }
            // One day of decisions after enough history for the window, the regime model and the fit.
            int from = m5.size() - 288;
            out.printf("[5/5] backtest: LDM4TS %s on the last day of M5 (%d samples per forecast)%n", checkpoint,
                    modelSamples);
            out.flush();
            int code = spec.commandLine().getParent().getSubcommands().get("backtest").execute("--db", db.url,
                    "--symbol", instrument.symbol(), "--timeframe", "M5", "--from", TimeArg.format(m5.ts(from)),
                    "--forecaster", "ldm4ts:" + checkpoint, "--train-bars", "2000", "--samples",
                    Integer.toString(modelSamples), "--horizons", Checkpoint.readConfig(checkpoint).horizons().stream().map(String::valueOf)
                            .collect(java.util.stream.Collectors.joining(",")), "--seed", Long.toString(seed), "--out",
                    "out/demo-backtest-ldm4ts");
            if (code != 0) {
                return code;
            }
        }
        out.printf("done in %.1f s. Next: ./fxd data info, ./fxd data export --symbol %s --timeframe H1 --out h1.csv%n",
                (System.nanoTime() - t0) / 1e9, instrument.symbol());
        out.flush();
        return 0;
    }
}
