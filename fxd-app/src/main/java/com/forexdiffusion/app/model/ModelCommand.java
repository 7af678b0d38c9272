package com.forexdiffusion.app.model;

import com.forexdiffusion.app.DbOptions;
import com.forexdiffusion.app.Json;
import com.forexdiffusion.app.TimeArg;
import com.forexdiffusion.app.console.Table;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.log.ModelHealth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Model operations: rolling health of a served version, a checkpoint's description.",
        footer = {"%nExamples:", "  fxd model info models/latest", "  fxd model health --model ldm4ts-fcff904ccbb7"},
        subcommands = {ModelCommand.Health.class, ModelInfoCommand.class})
public final class ModelCommand {

    @Command(name = "health", mixinStandardHelpOptions = true,
            description = "Rolling health of a model version: latency avg/p95/p99/max, errors, and the accuracy of "
                    + "its resolved predictions (MAE, MSE, directional accuracy, 90%% coverage), newest first.",
            footer = {"%nExamples:", "  fxd model health --model ldm4ts-fcff904ccbb7 --limit 5"})
    public static final class Health implements Callable<Integer> {
        @Mixin
        DbOptions db;

        @Option(names = "--model", required = true, paramLabel = "VERSION",
                description = "Model version, as printed by "
                + "fxd model info.")
        String model;

        @Option(names = "--limit", defaultValue = "20",
                description = "Newest health rows shown (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--json", description = "Print one JSON array.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<ModelHealth.Row> rows;
            try (Database d = db.openExisting()) {
                rows = new ModelHealth(d::connection).recent(model, limit);
            }
            var out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(rows));
            } else if (rows.isEmpty()) {
                out.println("no health records for model version '" + model + "' (they are written by fxd forecast "
                        + "--log and the paper engine)");
            } else {
                Table t = new Table("TIME (UTC)", "SYMBOL", "TF", "N", "AVG MS", "P95 MS", "P99 MS", "MAX MS", "ERRORS",
                        "RESOLVED", "MAE", "DIR ACC", "COVER90");
                for (ModelHealth.Row r : rows) {
                    t.row(TimeArg.format(r.metricTime()), r.symbol(), r.timeframe(), r.inferenceCount(), f(r.avgMs()),
                            f(r.p95Ms()), f(r.p99Ms()), f(r.maxMs()), r.errorCount(), r.completedPredictions(),
                            Double.isNaN(r.rollingMae()) ? "-" : String.format(Locale.ROOT, "%.6f", r.rollingMae()),
                            pct(r.rollingDirectionalAccuracy()), pct(r.rollingCoverage()));
                }
                t.print(out);
            }
            out.flush();
            return 0;
        }

        private static String f(double v) {
            return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
        }

        private static String pct(double v) {
            return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
        }
    }
}
