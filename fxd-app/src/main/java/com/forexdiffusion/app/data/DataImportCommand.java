package com.forexdiffusion.app.data;

import com.forexdiffusion.app.DbOptions;
import com.forexdiffusion.app.console.ConsoleProgress;
import com.forexdiffusion.app.console.Table;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.importer.CandleFormat;
import com.forexdiffusion.data.importer.CandleImporter;
import com.forexdiffusion.data.importer.FileImportResult;
import com.forexdiffusion.data.importer.ImportOptions;
import com.forexdiffusion.data.importer.ImportResult;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.validation.ConflictPolicy;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import candle files (HistData CSV or zip, Dukascopy, MetaTrader 4/5, generic CSV).",
                "All files are imported in one transaction: on any error nothing is stored."},
        footer = {"%nExamples:",
                "  fxd data import HISTDATA_ASCII_EURUSD_M1_2023.zip \\",
                "      HISTDATA_ASCII_EURUSD_M1_2024.zip",
                "  fxd data import --format mt5 --tz EET --symbol GBPUSD --timeframe H1 \\",
                "      --skip-bad GBPUSD_H1.csv"})
public final class DataImportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Candle files or zips; the format, symbol "
            + "and timeframe are read from the name and the data unless the options below say.")
    List<Path> files;

    @Mixin
    DbOptions db;

    @Option(names = "--symbol", description = "Symbol when the file name does not tell (EURUSD, EUR/USD).")
    String symbol;

    @Option(names = "--timeframe", converter = TimeframeConverter.class,
            description = "Timeframe when neither the file name nor the data tell.")
    Timeframe timeframe;

    @Option(names = "--format", description = "histdata, dukascopy, mt4, mt5, csv (default: detected).")
    String format;

    @Option(names = {"--tz", "--source-zone"}, description = "Time zone of MetaTrader/generic timestamps without "
            + "offset (e.g. UTC, EET, +02:00; default UTC). HistData is always EST (UTC-5), Dukascopy GMT.")
    String zone;

    @ArgGroup
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--strict", description = "A bad row rejects the whole import (default).")
        boolean strict;

        @Option(names = "--skip-bad", description = "Store the good rows; write a reject report.")
        boolean skipBad;
    }

    @Option(names = "--on-conflict", defaultValue = "fail", paramLabel = "fail|replace|skip",
            description = {"A bar that is already stored (or repeated in the file) with other values: fail (default: "
                    + "the import is refused, nothing is stored), replace (the new values are stored; the report says "
                    + "replaced N) or skip (the stored values are kept; skipped N). Equal values are always fine, so "
                    + "re-importing a file changes nothing."})
    String onConflict;

    @Option(names = "--rejects", paramLabel = "DIR", defaultValue = ".",
            description = "Where --skip-bad writes <file>.rejects.csv (default: current directory).")
    Path rejectsDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ImportOptions options = new ImportOptions(format == null ? null : CandleFormat.parse(format), symbol,
                timeframe, mode.skipBad, ConflictPolicy.parse(onConflict), zone == null ? null : ImportOptions.parseZone(zone), rejectsDir);
        ImportResult result;
        try (Database d = db.open(); ConsoleProgress progress = new ConsoleProgress("import", "rows")) {
            result = new CandleImporter(InstrumentCatalog.builtIn(), d.candles()).importFiles(files, options, progress);
        }
        print(result, spec.commandLine().getOut());
        return 0;
    }

    static void print(ImportResult result, PrintWriter out) {
        Table t = new Table("FILE", "FORMAT", "SYMBOL", "TF", "ZONE", "READ", "STORED", "DUPLICATES", "REPLACED",
                "SKIPPED", "REJECTED", "FIRST (UTC)", "LAST (UTC)");
        for (FileImportResult f : result.files()) {
            t.row(f.path().getFileName(), f.format(), f.symbol(), f.timeframe(), f.zone(), f.rowsRead(),
                    f.rowsStored(), f.duplicatesDropped(), f.storedReplaced(), f.conflictsSkipped(), f.rowsRejected(),
                    f.firstTs() == null ? "-" : f.firstTs().toString(),
                    f.lastTs() == null ? "-" : f.lastTs().toString());
        }
        t.print(out);
        if (result.storedReplaced() > 0) {
            out.println("replaced " + result.storedReplaced() + " stored bars whose values changed");
        }
        if (result.conflictsSkipped() > 0) {
            out.println("skipped " + result.conflictsSkipped() + " rows that conflict with stored bars or earlier rows"
                    + " (the stored values were kept)");
        }
        for (FileImportResult f : result.files()) {
            if (f.rejectReport() != null) {
                out.println("rejected rows of " + f.path().getFileName() + ": " + f.rejectReport());
            }
        }
        out.flush();
    }
}
