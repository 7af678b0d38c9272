package com.forexdiffusion.app.demo;

import com.forexdiffusion.app.TimeArg;
import com.forexdiffusion.app.console.ConsoleProgress;
import com.forexdiffusion.app.ctrader.FakeServerClient;
import com.forexdiffusion.app.forecast.ForecasterSpecs;
import com.forexdiffusion.core.Clock;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.ctrader.fake.FakeServer;
import com.forexdiffusion.ctrader.live.LiveFeed;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.conformal.CalibrationMode;
import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.forexdiffusion.ldm4ts.service.ModelRegistry;
import com.forexdiffusion.trading.paper.LiveLoop;
import com.forexdiffusion.trading.paper.PaperTrader;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

/**
 * The demo's live step: the fake cTrader server replays the broker's bars after the stored ones as spot prices (an
 * M5 bar a second), the live feed turns them into closed bars in the demo's database, and a paper session trades
 * them with the model, after replaying the stored bars since {@code paperFrom} (the skill gate's warm-up).
 */
final class DemoLive {
    static final String SESSION = "demo-live";
    /** Simulated seconds per real second: an M5 bar a second. */
    private static final double SPEED = 300;

    private DemoLive() {
    }

    static void run(PrintWriter out, String db, Path broker, Path model, DemoLayout layout, long seed)
            throws InterruptedException {
        List<String> symbols = List.of(DemoCommand.PREDICTABLE, DemoCommand.RANDOM_WALK);
        Timeframe tf = Timeframe.M5;
        try (Database d = Database.open(db); Database b = Database.open("sqlite:" + broker);
             ModelRegistry registry = new ModelRegistry(Ldm4tsModel.defaultDevice());
             FakeServer server = FakeServer.builder().candles(b.candles())
                     .spots(SPEED, layout.liveFrom(), layout.liveTo() + tf.millis()).build().start();
             LiveFeed feed = LiveFeed.start(d, FakeServerClient.of(server, "demo"), symbols, tf)) {
            out.printf("      fake cTrader server on 127.0.0.1:%d (TLS), spots from %s%n", server.port(),
                    TimeArg.format(layout.liveFrom()));
            PaperTrader.Settings s = new PaperTrader.Settings(SESSION, String.join(",", symbols), tf,
                    "ldm4ts:" + model, layout.paperFrom(), layout.liveTo(), layout.fitBars(), Horizon.DEFAULT_LIST, 50,
                    100_000, seed, CalibrationMode.ACI, null);
            try (PaperTrader trader = PaperTrader.open(d, s, (name, hs) -> ForecasterSpecs.factory(name, hs, registry),
                    Clock.system())) {
                long bars;
                try (ConsoleProgress p = new ConsoleProgress("paper " + SESSION, "bars")) {
                    bars = LiveLoop.run(trader, feed, layout.liveTo(), 1000, LiveLoop.Tuning::unchanged, p);
                }
                out.printf("      %d forecasts logged, %d predictions resolved%n", trader.forecastsLogged(),
                        trader.predictionsResolved());
                new TreeMap<>(trader.skillGate()).forEach((sym, g) -> out.printf("      %s %s%n", sym, g.sentence()));
                out.printf("live: %d bars traded (%d of them live from the fake cTrader server), %d trades closed, %d "
                                + "positions open; balance %.2f, equity %.2f; session %s%n", bars,
                        (layout.liveTo() - layout.liveFrom()) / tf.millis() * symbols.size(), trader.trades().size(),
                        trader.broker().openPositions().size(), trader.broker().balance(), trader.broker().equity(),
                        SESSION);
            }
        }
    }
}
