package com.forexdiffusion.app.data;

import com.forexdiffusion.app.DbOptions;
import com.forexdiffusion.app.Json;
import com.forexdiffusion.app.TimeArg;
import com.forexdiffusion.app.console.Table;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.store.SeriesInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Per symbol and timeframe: first and last bar, rows, gaps inside trading sessions (holes between "
                + "bars, and partial bars: resampled from part of their minutes).",
        footer = {"%nExamples:", "  fxd data info",
                "  fxd data info --json --db jdbc:postgresql://127.0.0.1/fxd?user=postgres"})
public final class DataInfoCommand implements Callable<Integer> {
    @Mixin
    DbOptions db;

    @Option(names = "--json", description = "Print one JSON array instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Database d = db.openExisting()) {
            print(d.candles().info(), json, spec.commandLine().getOut());
        }
        return 0;
    }

    /** The table, or the JSON array other tools rely on: symbol, timeframe, rows, first, last, gaps. */
    public static void print(List<SeriesInfo> infos, boolean json, PrintWriter out) {
        if (json) {
            List<Map<String, Object>> arr = new ArrayList<>();
            for (SeriesInfo i : infos) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("symbol", i.symbol());
                m.put("timeframe", i.timeframe().name());
                m.put("rows", i.rows());
                m.put("first", TimeArg.format(i.firstTs()));
                m.put("last", TimeArg.format(i.lastTs()));
                m.put("gaps", i.gaps());
                m.put("missing_bars", i.missingBars());
                m.put("partial_bars", i.partialBars());
                m.put("synthetic", i.synthetic());
                arr.add(m);
            }
            out.println(Json.write(arr));
        } else if (infos.isEmpty()) {
            out.println("no candles stored yet (try: fxd data import FILE, or fxd data synth --symbol EURUSD)");
        } else {
            Table t = new Table("SYMBOL", "TF", "ROWS", "FIRST (UTC)", "LAST (UTC)", "GAPS", "MISSING", "PARTIAL",
                    "SOURCE");
            for (SeriesInfo i : infos) {
                t.row(i.symbol(), i.timeframe(), i.rows(), TimeArg.format(i.firstTs()), TimeArg.format(i.lastTs()),
                        i.gaps(), i.missingBars(), i.partialBars(), i.synthetic() ? "SYNTHETIC" : "market");
            }
            t.print(out);
        }
        out.flush();
    }
}
