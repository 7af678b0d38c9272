package com.forexdiffusion.app.console;

import com.forexdiffusion.core.ProgressListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.time.Duration;

/**
 * A progress bar on stderr with rate and ETA. Close it to print the final state; stdout stays clean for
 * {@code --json} output.
 */
public final class ConsoleProgress implements ProgressListener, AutoCloseable {
    private final ProgressBar bar;

    public ConsoleProgress(String task, String unit) {
        this.bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setUnit(" " + unit, 1)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
                .setEtaFunction(state -> java.util.Optional.of(eta(state.getCurrent(), state.getMax(),
                        state.getTotalElapsed())))
                .setInitialMax(-1)
                .build();
    }

    private static Duration eta(long done, long max, Duration elapsed) {
        if (done <= 0 || max <= done) {
            return Duration.ZERO;
        }
        return elapsed.multipliedBy(max - done).dividedBy(done);
    }

    @Override
    public void update(long done, long total) {
        if (total > 0 && total != bar.getMax()) {
            bar.maxHint(Math.max(total, done));
        }
        bar.stepTo(done);
    }

    /** Text shown after the bar (a running loss, a stage). */
    public void message(String text) {
        bar.setExtraMessage(text);
    }

    @Override
    public void close() {
        if (bar.getMax() > 0) {
            bar.stepTo(Math.max(bar.getCurrent(), bar.getMax()));
        }
        bar.close();
    }
}
