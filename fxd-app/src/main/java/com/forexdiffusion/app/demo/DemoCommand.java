package com.forexdiffusion.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.forexdiffusion.app.Json;
import com.forexdiffusion.app.TimeArg;
import com.forexdiffusion.app.console.Table;
import com.forexdiffusion.app.serve.ServeCommand;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.resample.Resampler;
import com.forexdiffusion.data.store.CandleWriter;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;
import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.forexdiffusion.ldm4ts.service.ModelRegistry;
import com.forexdiffusion.web.DashboardServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole story in one command, on an embedded SQLite database in --out: SYNTHETIC M1 bars",
                "for EURUSD with a known, modest predictable component and for GBPUSD without one; a compact LDM4TS",
                "trained within a time budget; its forecast fan for the last bar; a walk-forward evaluation against",
                "rw-garch and DLinear; a calibrated backtest of both symbols on bars the model never saw, where the",
                "skill gate trades a symbol only while the model's record on it shows skill (and says why not); a",
                "short live paper session fed by the local fake cTrader server; then the dashboard over all of it",
                "until Ctrl-C.",
                "Each step says what it shows and how long it took; --quick (under 3 minutes on two cores) for a",
                "first look, the full demo about 12."},
        footer = {"%nExamples:",
                "  fxd demo",
                "  fxd demo --quick --no-serve",
                "  fxd demo --out /tmp/demo --port 0 --seed 7"})
public final class DemoCommand implements Callable<Integer> {
    static final String MARKER = ".fxd-demo";
    static final String PREDICTABLE = "EURUSD";
    static final String RANDOM_WALK = "GBPUSD";
    private static final long START = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    @Option(names = "--quick", description = "A first look in under 3 minutes: 30 days of bars, a model trained for "
            + "two short epochs, fewer evaluation windows and a shorter live session.")
    boolean quick;

    @Option(names = "--no-serve", description = "Print the dashboard's URL and the report paths, then exit instead "
            + "of serving.")
    boolean noServe;

    @Option(names = "--out", defaultValue = "out/demo", paramLabel = "DIR", description = "Directory of the demo's "
            + "database, model and reports; emptied first when an earlier demo wrote it (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--days", description = "Calendar days of synthetic bars from Monday 2024-01-01 (default: 120, "
            + "or 30 with --quick).")
    Integer days;

    @Option(names = "--ar-coefficient", defaultValue = "0.5", description = "The planted component: each "
            + "--ar-minutes block's expected EURUSD log return is this times the previous block's (default: "
            + "${DEFAULT-VALUE}; 0 makes both markets random walks).")
    double arCoefficient;

    @Option(names = "--ar-minutes", defaultValue = "5", description = "Block length of the planted component, "
            + "minutes (default: ${DEFAULT-VALUE}: one M5 bar).")
    int arMinutes;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "P",
            description = "Dashboard port on 127.0.0.1, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of the bars, the training and every draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    private PrintWriter o;
    private DemoSteps steps;

    @Override
    public Integer call() throws Exception {
        o = spec.commandLine().getOut();
        DemoSize size = quick ? DemoSize.QUICK : DemoSize.FULL;
        int span = days != null ? days : size.days();
        Path dir = prepare(out);
        String db = "sqlite:" + dir.resolve("demo.db");
        Path model = dir.resolve("model");
        steps = new DemoSteps(o, 8);
        o.printf("ForexDiffusion demo%s in %s: every bar is SYNTHETIC (seed %d)%n", quick ? " (quick)" : "", dir, seed);
        DemoLayout layout = steps.run("data", "two synthetic markets: EURUSD with a planted AR(1) component, GBPUSD a "
                + "random walk", () -> data(db, dir.resolve("broker.db"), span, size));
        steps.step("train", "a compact LDM4TS (VAE, U-Net denoiser, gated fusion) trained on EURUSD M5 up to "
                        + TimeArg.format(layout.trainTo()) + ", validated on its last tenth",
                () -> run("train", size.trainArgs(db, layout, seed, model)));
        steps.step("forecast", "the model's predictive distribution for the next 15, 60 and 240 minutes",
                () -> forecast(db, model));
        steps.step("evaluation", "walk-forward on bars the model never saw: CRPS, 90 % coverage and MSE against the "
                        + "random walk (rw-garch) and DLinear",
                () -> evaluate(db, model, layout, size, dir.resolve("evaluation")));
        steps.step("backtest", "both symbols on one account, forecasts calibrated by ACI, the skill gate on",
                () -> backtest(db, model, layout, dir.resolve("backtest")));
        steps.step("live", "a paper session on the local fake cTrader server (TLS): " + size.liveBars()
                        + " live M5 bars after a replay of the day before",
                () -> DemoLive.run(o, db, dir.resolve("broker.db"), model, layout, seed));
        steps.step("reports", "where everything is", () -> reports(dir, db));
        steps.step("dashboard", noServe ? "the URL it would serve"
                        : "candles with the fan, signals, the paper account, model health and the runs",
                () -> dashboard(db, dir));
        return 0;
    }

    /** The output directory, emptied when an earlier demo made it; any other non-empty directory is refused. */
    private static Path prepare(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            try (var entries = Files.list(abs)) {
                boolean empty = entries.findAny().isEmpty();
                if (!empty && !Files.exists(abs.resolve(MARKER))) {
                    throw new FxdException("--out " + dir + " holds files the demo did not write; choose another "
                            + "directory (the demo empties its own before it starts)");
                }
            }
            deleteTree(abs);
        } else if (Files.exists(abs)) {
            throw new FxdException("--out " + dir + " is a file, not a directory");
        }
        Files.createDirectories(abs);
        Files.writeString(abs.resolve(MARKER), "written by fxd demo; emptied by the next one\n");
        return abs;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Bars for the broker (every minute of the span, served by the fake server) and for the demo's database (all
     * before the live session), M1 and M5.
     */
    private DemoLayout data(String db, Path broker, int span, DemoSize size) {
        long stored = DemoLayout.storedUntil(START, span);
        BarSeries eurusdM5 = null;
        try (Database d = Database.open(db); Database b = Database.open("sqlite:" + broker)) {
            for (String symbol : List.of(PREDICTABLE, RANDOM_WALK)) {
                Instrument inst = InstrumentCatalog.builtIn().resolve(symbol);
                double ar = symbol.equals(PREDICTABLE) ? arCoefficient : 0;
                var planted = new SyntheticConfig.Autoregression(ar, arMinutes);
                SyntheticConfig cfg = SyntheticConfig.forInstrument(inst, seed + symbol.hashCode()).withRegimes(false)
                        .withAutoregression(planted);
                BarSeries m1 = new SyntheticGenerator(cfg).generate(symbol, START, span);
                BarSeries m5 = Resampler.resample(m1, Timeframe.M5);
                store(b, m1, m5, Long.MAX_VALUE);
                store(d, m1, m5, stored);
                BarSeries kept = m5.slice(0, m5.lowerBound(stored));
                eurusdM5 = symbol.equals(PREDICTABLE) ? kept : eurusdM5;
                o.printf("      %s: %d M1 and %d M5 bars stored, %s .. %s; %s%n", symbol, m1.lowerBound(stored),
                        kept.size(), TimeArg.format(kept.firstTs()), TimeArg.format(kept.lastTs()),
                        ar == 0 ? "a random walk (GARCH volatility, fat tails, sessions): nothing to predict"
                                : String.format(Locale.ROOT, "each %d-minute return is expected to be %.2f times the "
                                + "one before: %.1f %% of the variance of a 15-minute move is predictable", arMinutes,
                                ar, 100 * planted.predictableShare(15)));
            }
        }
        return DemoLayout.of(eurusdM5, size.fitBars(), size.paperBars(), size.liveBars(), size.backtestBars());
    }

    private static void store(Database d, BarSeries m1, BarSeries m5, long before) {
        try (CandleWriter w = d.candles().writer()) {
            w.addAll(m1.slice(0, m1.lowerBound(before)), SyntheticGenerator.SOURCE);
            w.addAll(m5.slice(0, m5.lowerBound(before)), SyntheticGenerator.SOURCE);
            w.commit();
        }
    }

    private void forecast(String db, Path model) throws IOException {
        String json = capture("forecast", "--db", db, "--model", model.toString(), "--symbol", PREDICTABLE,
                "--timeframe", "M5", "--samples", "50", "--seed", Long.toString(seed), "--json", "--log");
        JsonNode fc = Json.mapper().readTree(json);
        o.printf("      %s M5 at %s, last close %s (%s)%n", PREDICTABLE, fc.path("time").asText(),
                fc.path("last_close").asText(), fc.path("model_version").asText());
        Table t = new Table("      HORIZON", "Q05", "Q50", "Q95", "U %");
        List<String> fan = new ArrayList<>();
        double last = fc.path("last_close").asDouble();
        for (var e : (Iterable<java.util.Map.Entry<String, JsonNode>>) fc.path("predictions")::fields) {
            JsonNode h = e.getValue();
            double q05 = h.path("q05").asDouble();
            double q95 = h.path("q95").asDouble();
            t.row("      " + e.getKey() + " min", f5(q05), f5(h.path("q50").asDouble()), f5(q95),
                    String.format(Locale.ROOT, "%.3f", h.path("uncertainty_pct").asDouble()));
            fan.add(String.format(Locale.ROOT, "%s min %s..%s", e.getKey(), f5(q05), f5(q95)));
            require(q05 < q95 && last > 0, "forecast: the fan at " + e.getKey() + " minutes has no width");
        }
        require(!fan.isEmpty(), "forecast: no horizons in the forecast");
        t.print(o);
        o.println("forecast: " + PREDICTABLE + " 90 % fan " + String.join(", ", fan));
    }

    private void evaluate(String db, Path model, DemoLayout layout, DemoSize size, Path dir) throws IOException {
        String ldm = "ldm4ts:" + model;
        run("evaluate", "--db", db, "--symbol", PREDICTABLE, "--timeframe", "M5", "--from",
                TimeArg.format(layout.evalFrom()), "--to", TimeArg.format(layout.liveFrom()), "--forecasters",
                "rw-garch,dlinear," + ldm, "--train-bars", Integer.toString(layout.fitBars()), "--calibration-bars",
                Integer.toString(size.calibrationBars()), "--test-bars", Integer.toString(size.testBars()), "--step",
                Integer.toString(size.evalStep()), "--conformal", "aci", "--samples", "50", "--seed",
                Long.toString(seed), "--out", dir.toString());
        JsonNode m = Json.mapper().readTree(dir.resolve("metrics.json").toFile());
        List<String> parts = new ArrayList<>();
        for (Horizon horizon : Horizon.parseList(Horizon.DEFAULT_LIST)) {
            int h = horizon.minutes();
            String k = Integer.toString(h);
            JsonNode l = m.path("ldm4ts").path(k);
            JsonNode rw = m.path("rw-garch").path(k);
            JsonNode dl = m.path("dlinear").path(k);
            double crps = ratio(l, rw, "crps");
            double mse = ratio(l, rw, "mse");
            double dlCrps = ratio(dl, rw, "crps");
            require(Double.isFinite(crps) && Double.isFinite(mse), "evaluation: no LDM4TS figures at " + h + " min");
            parts.add(String.format(Locale.ROOT, "%d min CRPS %.3f (DLinear %.3f), coverage90 %.1f %%, MSE %.3f",
                    h, crps, dlCrps, 100 * l.path("coverage90").asDouble(), mse));
        }
        o.println("evaluation: LDM4TS / rw-garch (below 1 is better): " + String.join("; ", parts));
    }

    private static double ratio(JsonNode a, JsonNode b, String field) {
        return a.path(field).asDouble(Double.NaN) / b.path(field).asDouble(Double.NaN);
    }

    private void backtest(String db, Path model, DemoLayout layout, Path dir) throws IOException {
        run("backtest", "--db", db, "--symbols", PREDICTABLE + "," + RANDOM_WALK, "--timeframe", "M5", "--from",
                TimeArg.format(layout.backtestFrom()), "--to", TimeArg.format(layout.liveFrom()), "--forecaster",
                "ldm4ts:" + model, "--train-bars", Integer.toString(layout.fitBars()), "--samples", "50", "--seed",
                Long.toString(seed), "--out", dir.toString());
        JsonNode m = Json.mapper().readTree(dir.resolve("metrics.json").toFile());
        List<String> bySymbol = new ArrayList<>();
        for (String s : List.of(PREDICTABLE, RANDOM_WALK)) {
            JsonNode b = m.path("by_symbol").path(s);
            JsonNode pf = b.path("profit_factor");
            bySymbol.add(String.format(Locale.ROOT, "%s %d trades%s", s, b.path("trades").asInt(),
                    pf.isNumber() ? String.format(Locale.ROOT, ", profit factor %.2f", pf.asDouble()) : ""));
        }
        double ret = m.path("total_return").asDouble(Double.NaN);
        require(Double.isFinite(ret), "backtest: metrics.json has no total_return");
        o.printf(Locale.ROOT, "backtest: total return %.2f %% after costs; %s (report %s)%n", 100 * ret,
                String.join("; ", bySymbol), dir.resolve("report.html"));
        o.println("      a market with a planted component: no figure here says what real FX would return");
    }

    private void reports(Path dir, String db) {
        o.println("      database:    " + db);
        o.println("      model:       " + dir.resolve("model") + "  (fxd model info " + dir.resolve("model") + ")");
        o.println("      evaluation:  " + dir.resolve("evaluation/report.html"));
        o.println("      backtest:    " + dir.resolve("backtest/report.html"));
        o.println("      broker bars: " + dir.resolve("broker.db") + "  (what the fake cTrader server served)");
    }

    private void dashboard(String db, Path dir) throws InterruptedException {
        if (noServe) {
            o.printf("dashboard: http://127.0.0.1:%d/ (not started: --no-serve; ./fxd serve --db %s --port %d)%n",
                    port, db, port);
            return;
        }
        int p = free(port) ? port : 0;
        if (p != port) {
            o.printf("      port %d is taken: serving on a free one%n", port);
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (ModelRegistry registry = new ModelRegistry(Ldm4tsModel.defaultDevice()); Database d = Database.open(db);
             DashboardServer server = ServeCommand.dashboard(d, db, registry, dir.resolve("runs")).port(p)
                     .build().start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "fxd-demo-stop"));
            o.printf("dashboard: http://127.0.0.1:%d/ (Ctrl-C stops it)%n", server.port());
            o.flush();
            stop.await();
        }
    }

    /** Whether nothing listens on the port of 127.0.0.1 (a demo that ran 15 minutes should not fail on a busy port). */
    private static boolean free(int port) {
        if (port == 0) {
            return true;
        }
        try (var socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException busy) {
            return false;
        }
    }

    /** Runs a sibling command with this command line's streams and error handling; a failure ends the demo. */
    private void run(String command, String... args) {
        steps.echo(command, args);
        succeeded(command, spec.commandLine().getParent().getSubcommands().get(command).execute(args));
    }

    private static void succeeded(String command, int exitCode) {
        if (exitCode != 0) {
            throw new FxdException("demo: fxd " + command + " failed (exit " + exitCode + "); see its message above");
        }
    }

    /** Runs a sibling command and returns what it printed on standard output. */
    private String capture(String command, String... args) {
        steps.echo(command, args);
        CommandLine sub = spec.commandLine().getParent().getSubcommands().get(command);
        PrintWriter old = sub.getOut();
        StringWriter buf = new StringWriter();
        sub.setOut(new PrintWriter(buf, true));
        try {
            succeeded(command, sub.execute(args));
        } finally {
            sub.setOut(old);
        }
        return buf.toString();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new FxdException("demo: " + message);
        }
    }

    private static String f5(double v) {
        return String.format(Locale.ROOT, "%.5f", v);
    }
}
