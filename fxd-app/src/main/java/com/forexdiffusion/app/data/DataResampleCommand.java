package com.forexdiffusion.app.data;

import com.forexdiffusion.app.DbOptions;
import com.forexdiffusion.app.console.Table;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.resample.Resampler;
import com.forexdiffusion.data.resample.StoredResampling;
import com.forexdiffusion.data.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "resample", mixinStandardHelpOptions = true,
        description = "Build larger timeframes from stored bars (open first, high max, low min, close last, "
                + "volume sum), aligned in UTC; all targets are written in one transaction. A bar built from part of "
                + "its minutes is stored as partial and counted as a gap by fxd data info.",
        footer = {"%nExamples:",
                "  fxd data resample --symbol EURUSD --to M5,M15,H1,H4,D1",
                "  fxd data resample --symbol EURUSD --to D1 --align ny-close"})
public final class DataResampleCommand implements Callable<Integer> {
    @Mixin
    DbOptions db;

    @Option(names = "--symbol", required = true, description = "Instrument, e.g. EURUSD or EUR/USD.")
    String symbol;

    @Option(names = "--from", defaultValue = "M1", converter = TimeframeConverter.class,
            description = "Source timeframe (default: ${DEFAULT-VALUE}).")
    Timeframe from;

    @Option(names = "--to", required = true, split = ",", converter = TimeframeConverter.class,
            description = "Target timeframes, comma-separated (M5,M15,H1,H4,D1).")
    List<Timeframe> to;

    @Option(names = "--align", defaultValue = "utc",
            description = "D1 (and H4) alignment: utc (00:00 UTC) or ny-close (17:00 New York; stored as "
                    + "timeframes D1_NY and H4_NY, read back with --timeframe D1_NY) (default: ${DEFAULT-VALUE}).")
    String align;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Resampler.Alignment alignment = Resampler.Alignment.parse(align);
        try (Database d = db.open()) {
            Table t = new Table("SYMBOL", "FROM", "TO", "SOURCE BARS", "BARS WRITTEN", "PARTIAL");
            for (StoredResampling.Result r : StoredResampling.resample(d.candles(), Instrument.normalise(symbol), from,
                    to, alignment)) {
                t.row(r.symbol(), from, r.target(), r.sourceBars(), r.written(), r.partial());
            }
            t.print(spec.commandLine().getOut());
        }
        return 0;
    }
}
