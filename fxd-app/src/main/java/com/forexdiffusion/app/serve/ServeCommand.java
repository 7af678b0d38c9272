package com.forexdiffusion.app.serve;

import com.forexdiffusion.app.CalibrationOption;
import com.forexdiffusion.app.DbOptions;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.ldm4ts.service.ModelRegistry;
import com.forexdiffusion.web.DashboardServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "The dashboard: chart with the forecast fan, signals, account, model health, runs and the LDM4TS "
                + "settings, with a JSON API (docs/api.md) and live updates over WebSocket. Binds 127.0.0.1 unless "
                + "--bind says otherwise; any other address needs --token (or FXD_TOKEN). Prints 'serving URL' when ready.",
        footer = {"%nExamples:",
                "  fxd serve",
                "  fxd serve --port 0 --db jdbc:postgresql://127.0.0.1/fxd?user=postgres"})
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    DbOptions db;

    /** How the Signals page calibrates forecasts before it scores them (as backtest and paper do). */
    @Mixin
    CalibrationOption calibration;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "P",
            description = "TCP port, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    // No default shown: help output must never print a secret taken from the environment.
    @Option(names = "--token", paramLabel = "T", description = "Required for a non-loopback --bind; else FXD_TOKEN.")
    String token;

    @Option(names = "--runs-dir", defaultValue = "data/runs", paramLabel = "DIR",
            description = "Where backtests and evaluations started from the page write (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Option(names = "--stop-after", hidden = true, description = "Stop after this many seconds (tests).")
    double stopAfter;

    @Spec
    CommandSpec spec;

    /** The dashboard over a database, with the forecasters, checkpoints and jobs of this command line. */
    public static DashboardServer.Builder dashboard(Database d, String dbUrl, ModelRegistry registry, Path runsDir) {
        return DashboardServer.builder(d).forecasters(new AppForecasters(registry))
                .checkpoints(AppForecasters.checkpointCheck(registry))
                .jobs(new CommandJobs(dbUrl, runsDir));
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        String t = token != null ? token : System.getenv("FXD_TOKEN");
        if (!DashboardServer.isLoopback(bind) && (t == null || t.isBlank())) {
            spec.commandLine().getErr().println("fxd serve: --bind " + bind + " is not a loopback address: give a token "
                    + "with --token T or the FXD_TOKEN environment variable (every request must then carry it)");
            return 2;
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (ModelRegistry registry = new ModelRegistry(ai.djl.Device.cpu()); Database d = db.open();
             DashboardServer server = dashboard(d, db.url, registry, runsDir).bind(bind).port(port).token(t)
                     .calibration(calibration.config())
                     .build().start()) {
            Thread hook = new Thread(stop::countDown, "fxd-serve-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            out.printf("serving http://%s:%d/%n", bind.contains(":") ? "[" + bind + "]" : bind, server.port());
            out.flush();
            if (stopAfter > 0) {
                stop.await(Math.round(stopAfter * 1000), TimeUnit.MILLISECONDS);
            } else {
                stop.await();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already stopping: the hook has run.
            }
        }
        return 0;
    }
}
