package com.forexdiffusion.app.data;

import com.forexdiffusion.app.DbOptions;
import com.forexdiffusion.app.TimeArg;
import com.forexdiffusion.core.AtomicFile;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write stored candles to a CSV file (header time,open,high,low,close,volume; time in UTC).",
        footer = {"%nExamples:",
                "  fxd data export --symbol EURUSD --timeframe H1 --from 2023-03-01 \\",
                "      --to 2023-04-01 --out eurusd-h1.csv"})
public final class DataExportCommand implements Callable<Integer> {
    @Mixin
    DbOptions db;

    @Option(names = "--symbol", required = true, description = "Instrument, e.g. EURUSD or EUR/USD.")
    String symbol;

    @Option(names = "--timeframe", required = true, converter = TimeframeConverter.class,
            description = "Bar timeframe, e.g. M1, M5, M15, H1, H4, D1 or D1_NY.")
    Timeframe timeframe;

    @Option(names = "--from", description = "First bar open time, inclusive (UTC date or time).")
    String from;

    @Option(names = "--to", description = "End, exclusive (UTC date or time).")
    String to;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "CSV file to write (atomically).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        long fromMs = from == null ? Long.MIN_VALUE : TimeArg.parse("--from", from);
        long toMs = to == null ? Long.MAX_VALUE : TimeArg.parse("--to", to);
        BarSeries bars;
        try (Database d = db.openExisting()) {
            bars = d.candles().read(Instrument.normalise(symbol), timeframe, fromMs, toMs);
        }
        if (bars.isEmpty()) {
            throw new FxdException("no " + Instrument.normalise(symbol) + " " + timeframe
                    + " candles in the requested range; nothing written to " + out);
        }
        write(bars, out);
        spec.commandLine().getOut().printf("wrote %d %s %s bars (%s .. %s) to %s%n", bars.size(), bars.symbol(),
                timeframe, TimeArg.format(bars.firstTs()), TimeArg.format(bars.lastTs()), out);
        return 0;
    }

    /** Writes through a temporary file and an atomic move, so a failed export never leaves half a file. */
    static void write(BarSeries bars, Path out) {
        AtomicFile.write(out, tmp -> {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write("time,open,high,low,close,volume\n");
                StringBuilder sb = new StringBuilder(96);
                for (int i = 0; i < bars.size(); i++) {
                    sb.setLength(0);
                    sb.append(Instant.ofEpochMilli(bars.ts(i))).append(',').append(bars.open(i)).append(',')
                            .append(bars.high(i)).append(',').append(bars.low(i)).append(',')
                            .append(bars.close(i)).append(',').append(bars.volume(i)).append('\n');
                    w.append(sb);
                }
            }
        });
    }
}
