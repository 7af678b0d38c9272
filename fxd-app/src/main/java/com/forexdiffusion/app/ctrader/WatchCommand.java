package com.forexdiffusion.app.ctrader;

import com.forexdiffusion.app.DbOptions;
import com.forexdiffusion.app.data.TimeframeConverter;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.ctrader.client.CTraderClient;
import com.forexdiffusion.ctrader.client.SymbolCache;
import com.forexdiffusion.ctrader.live.LiveBarSource;
import com.forexdiffusion.ctrader.live.LiveBarStore;
import com.forexdiffusion.data.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Print (and with --store keep) the closed bars of a symbol as the live feed delivers them.",
                "Bars missed while the connection was down follow at the first price after the reconnect."},
        footer = {"%nExamples:",
                "  fxd ctrader watch --host 127.0.0.1:5035 --insecure --symbol EURUSD --bars 5"})
public final class WatchCommand implements Callable<Integer> {
    @Option(names = "--symbol", required = true, description = "Symbol (EURUSD, EUR/USD).")
    String symbol;

    @Option(names = "--timeframe", defaultValue = "M1", converter = TimeframeConverter.class,
            description = "Bar timeframe (default: ${DEFAULT-VALUE}).")
    Timeframe timeframe;

    @Option(names = "--bars", defaultValue = "0", description = "Stop after this many bars (0: run until stopped; default: ${DEFAULT-VALUE}).")
    long bars;

    @Option(names = "--store", description = "Also store every closed bar (one transaction per bar).")
    boolean store;

    @Mixin
    CTraderOptions ctrader;

    @Mixin
    DbOptions db;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        String canonical = InstrumentCatalog.builtIn().resolve(symbol).symbol();
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch done = new CountDownLatch(bars > 0 ? 1 : Integer.MAX_VALUE);
        try (Database d = db.open(); CTraderClient client = ctrader.client()) {
            long[] seen = {0};
            LiveBarStore keeper = new LiveBarStore(d.candles());
            LiveBarSource.Listener listener = (s, tf, bar) -> {
                if (store) {
                    keeper.bar(s, tf, bar);
                }
                out.println(bar.time() + " " + s + " " + tf + " o=" + bar.open() + " h=" + bar.high() + " l="
                        + bar.low() + " c=" + bar.close() + " v=" + (long) bar.volume());
                out.flush();
                if (bars > 0 && ++seen[0] >= bars) {
                    done.countDown();
                }
            };
            try (LiveBarSource live = LiveBarSource.builder().client(client).symbolCache(new SymbolCache(d))
                    .symbol(canonical).timeframe(timeframe).listener(listener).build().start()) {
                done.await();
                out.flush();
                spec.commandLine().getErr().println("watch: " + live.delivered() + " bars, " + client.reconnects()
                        + " reconnects");
            }
        }
        return 0;
    }
}
