package com.forexdiffusion.app.data;

import com.forexdiffusion.app.DbOptions;
import com.forexdiffusion.app.TimeArg;
import com.forexdiffusion.app.console.ConsoleProgress;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Generate seeded synthetic M1 bars (GARCH(1,1), Student-t shocks, sessions, weekend gaps, "
                + "regimes) and store them labelled as synthetic.",
                "Refuses to write into a series that holds real market data."},
        footer = {"%nExamples:",
                "  fxd data synth --days 30 --seed 7 --db sqlite:/tmp/synth.db",
                "  fxd data synth --days 90 --no-regimes --ar-coefficient 0.3 --ar-minutes 15"})
public final class DataSynthCommand implements Callable<Integer> {
    @Mixin
    DbOptions db;

    @Option(names = "--symbol", defaultValue = "EURUSD",
            description = "Instrument to label the bars with (default: ${DEFAULT-VALUE}).")
    String symbol;

    @Option(names = "--days", defaultValue = "365", description = "Calendar days (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generator: the same seed gives the "
            + "same bars (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", defaultValue = "2023-01-02", description = "First day, UTC (default: ${DEFAULT-VALUE}).")
    String start;

    @Option(names = "--annual-vol", defaultValue = "0.08",
            description = "Target volatility a year (default: ${DEFAULT-VALUE}).")
    double annualVol;

    @Option(names = "--no-regimes", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Switch between calm, trending and volatile regimes (default: ${DEFAULT-VALUE}; "
                    + "--no-regimes keeps one).")
    boolean regimes;

    @Option(names = "--ar-coefficient", defaultValue = "0", description = "A planted predictable component: each "
            + "block's expected log return is this times the previous block's, an AR(1) in block returns "
            + "(default: ${DEFAULT-VALUE}, none).")
    double arCoefficient;

    @Option(names = "--ar-minutes", defaultValue = "15",
            description = "Length of the blocks of --ar-coefficient, minutes (default: ${DEFAULT-VALUE}).")
    int arMinutes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (days <= 0 || days > 36_600) {
            throw new FxdException("--days must be between 1 and 36600, got " + days);
        }
        Instrument instrument = InstrumentCatalog.builtIn().resolve(symbol);
        SyntheticConfig base = SyntheticConfig.forInstrument(instrument, seed);
        SyntheticConfig cfg = base.withAnnualVol(annualVol).withRegimes(regimes)
                .withAutoregression(new SyntheticConfig.Autoregression(arCoefficient, arMinutes));
        try (Database d = db.open()) {
            BarSeries bars;
            try (ConsoleProgress progress = new ConsoleProgress("store", "bars")) {
                bars = SyntheticData.generateAndStore(d.candles(), instrument, cfg, TimeArg.parse("--start", start), days, progress);
            }
            spec.commandLine().getOut().printf("stored %d SYNTHETIC %s M1 bars (%s .. %s), seed %d%n", bars.size(),
                    instrument.symbol(), TimeArg.format(bars.firstTs()), TimeArg.format(bars.lastTs()), seed);
        }
        return 0;
    }

}
