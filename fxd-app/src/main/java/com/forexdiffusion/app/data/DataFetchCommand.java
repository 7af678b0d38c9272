package com.forexdiffusion.app.data;

import com.forexdiffusion.app.DbOptions;
import com.forexdiffusion.app.console.ConsoleProgress;
import com.forexdiffusion.app.console.Table;
import com.forexdiffusion.app.ctrader.CTraderOptions;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.ctrader.client.CTraderClient;
import com.forexdiffusion.ctrader.client.CTraderHistory;
import com.forexdiffusion.ctrader.client.SymbolCache;
import com.forexdiffusion.data.history.HistoryImport;
import com.forexdiffusion.data.history.HistoryImportResult;
import com.forexdiffusion.data.history.HistoryRequest;
import com.forexdiffusion.data.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {"Fetch bars from a remote source (cTrader Open API) into the store, through the same validation "
                + "as file imports.",
                "An end date of today (UTC) ends now; any other at 23:59:59.999 UTC. Only closed bars are stored; a "
                        + "fetch of the same range again changes nothing."},
        footer = {"%nExamples:",
                "  fxd ctrader serve-fake --port 5035 --db sqlite:/tmp/fake.db    # elsewhere",
                "  fxd data fetch --source ctrader --host 127.0.0.1:5035 --insecure \\",
                "      --symbol EURUSD --timeframe M1 --from 2024-01-02 --to 2024-01-31"})
public final class DataFetchCommand implements Callable<Integer> {
    @Option(names = "--source", defaultValue = "ctrader", description = "Where from: ctrader (default).")
    String source;

    @Option(names = "--symbol", required = true, description = "Symbol (EURUSD, EUR/USD).")
    String symbol;

    @Option(names = "--timeframe", required = true, converter = TimeframeConverter.class,
            description = "M1, M5, M15, M30, H1, H4, D1 (and M2..M4, M10, H12, W1, MN1).")
    Timeframe timeframe;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day (UTC), e.g. 2024-01-01.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day (UTC), at most today.")
    String to;

    @Mixin
    CTraderOptions ctrader;

    @Mixin
    DbOptions db;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!"ctrader".equalsIgnoreCase(source.trim())) {
            throw BadInputException.ofField("source", "unknown source '" + source + "' (known: ctrader)");
        }
        String canonical = InstrumentCatalog.builtIn().resolve(symbol).symbol();
        InstantSource clock = InstantSource.system();
        HistoryRequest request = HistoryRequest.ofDates(canonical, timeframe, date("from", from), date("to", to), clock);
        HistoryImportResult result;
        try (Database d = db.open(); CTraderClient client = ctrader.client();
             ConsoleProgress progress = new ConsoleProgress("fetch " + canonical + " " + timeframe, "bars")) {
            CTraderHistory history = CTraderHistory.builder().client(client).symbolCache(new SymbolCache(d))
                    .clock(clock).build();
            result = new HistoryImport(d.candles()).run(history, request, progress);
        }
        print(result, spec.commandLine().getOut());
        return 0;
    }

    static LocalDate date(String option, String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw BadInputException.ofField(option, "'" + text + "' is not a date (use 2024-01-31; UTC)");
        }
    }

    static void print(HistoryImportResult r, PrintWriter out) {
        Table t = new Table("SOURCE", "SYMBOL", "TF", "FETCHED", "STORED", "NEW", "DUPLICATES", "GAPS", "MISSING BARS",
                "FIRST (UTC)", "LAST (UTC)", "BARS/S");
        t.row(r.source(), r.request().symbol(), r.request().timeframe(), r.fetched(), r.stored(), r.newRows(),
                r.duplicates(), r.gaps(), r.missingBars(), r.first() == null ? "-" : r.first().toString(),
                r.last() == null ? "-" : r.last().toString(), Math.round(r.barsPerSecond()));
        t.print(out);
        out.flush();
    }
}
