package com.forexdiffusion.app.serve;

import com.forexdiffusion.app.Main;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.web.runs.JobRequest;
import com.forexdiffusion.web.runs.JobRunner;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Jobs from the page run the CLI's own commands in this process (same code, same outputs): a backtest records its
 * run and progress in backtest_runs, which the Runs page shows; an evaluation writes its report directory.
 */
final class CommandJobs implements JobRunner {
    private final String dbUrl;
    private final Path runsDir;

    CommandJobs(String dbUrl, Path runsDir) {
        this.dbUrl = dbUrl;
        this.runsDir = runsDir;
    }

    @Override
    public String run(String jobId, JobRequest r, ProgressListener progress) {
        Path out = runsDir.resolve(jobId);
        List<String> args = new ArrayList<>(List.of(r.kind() == JobRequest.Kind.BACKTEST ? "backtest" : "evaluate",
                "--db", dbUrl, "--symbol", r.symbol(), "--timeframe", r.timeframe(), "--from",
                Instant.ofEpochMilli(r.from()).toString(), "--out", out.toString()));
        if (r.to() != null) {
            args.addAll(List.of("--to", Instant.ofEpochMilli(r.to()).toString()));
        }
        args.addAll(List.of(r.kind() == JobRequest.Kind.BACKTEST ? "--forecaster" : "--forecasters", r.forecaster()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        if (code != 0) {
            String msg = err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("fxd:")).findFirst()
                    .orElse("exit code " + code);
            throw new FxdException(msg);
        }
        progress.update(1, 1);
        return out.toString();
    }
}
