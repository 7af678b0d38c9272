package com.forexdiffusion.app.vision;

import com.forexdiffusion.app.DbOptions;
import com.forexdiffusion.app.TimeArg;
import com.forexdiffusion.app.data.TimeframeConverter;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.vision.SourceSeries;
import com.forexdiffusion.vision.VisionConfig;
import com.forexdiffusion.vision.VisionEncoder;
import com.forexdiffusion.vision.VisionPng;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "vision", mixinStandardHelpOptions = true,
        description = "Write the SEG, GAF and RP views (grey) and their RGB composite for the window of L bars "
                + "that ends at the bar at --at.",
        footer = {"%nExamples:",
                "  fxd vision --symbol EURUSD --timeframe H1 --at 2023-06-01T12:00 --out views"})
public final class VisionCommand implements Callable<Integer> {
    @Mixin
    DbOptions db;

    @Option(names = "--symbol", required = true, description = "Instrument, e.g. EURUSD or EUR/USD.")
    String symbol;

    @Option(names = "--timeframe", required = true, converter = TimeframeConverter.class,
            description = "Bar timeframe, e.g. M1, M5, M15, H1, H4, D1 or D1_NY.")
    Timeframe timeframe;

    @Option(names = "--at", required = true, description = "The last bar of the window: the bar open at or before "
            + "this UTC time.")
    String at;

    @Option(names = "--window", defaultValue = "100", description = "Bars in the window (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--size", defaultValue = "64", description = "Image size in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--source", defaultValue = "close",
            description = "Series drawn: close, typical or mean-ohlcv (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the PNG files.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        VisionConfig cfg = new VisionConfig(window, size, size, SourceSeries.parse(source), 0, 1.0);
        long t = TimeArg.parse("--at", at);
        String sym = Instrument.normalise(symbol);
        BarSeries bars;
        try (Database d = db.openExisting()) {
            // Only bars up to t are read: the image of a window can never see its future.
            bars = d.candles().read(sym, timeframe, Long.MIN_VALUE, t + 1);
        }
        if (bars.isEmpty()) {
            throw new FxdException("no " + sym + " " + timeframe + " bar at or before " + TimeArg.format(t));
        }
        int end = bars.size() - 1;
        VisionEncoder enc = new VisionEncoder(cfg);
        float[] img = new float[cfg.imageFloats()];
        enc.encode(bars, end, img, 0);
        VisionPng.write(img, 0, size, size, out);
        spec.commandLine().getOut().printf("window %s .. %s (%d %s bars of %s, source %s) -> %s/{%s}%n",
                TimeArg.format(bars.ts(end - window + 1)), TimeArg.format(bars.ts(end)), window, timeframe, sym,
                cfg.source().cliName(), out, String.join(",", VisionPng.FILES));
        return 0;
    }
}
