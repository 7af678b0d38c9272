package com.forexdiffusion.app.demo;

import com.forexdiffusion.app.TimeArg;

import java.nio.file.Path;
import java.util.List;

/**
 * How much the demo does: the quick look keeps under 3 minutes on two cores, the full one under 15 (docs/cli.md has
 * the measured times). The model's training is bounded by epochs and by a time budget, whichever ends first.
 */
enum DemoSize {
    QUICK(30, 2, 2, 384, 3, 6, 1000, 210, 6, 1200),
    FULL(120, 12, 2, 2000, 8, 2, 2000, 300, 24, 6000);

    private final int days;
    private final int epochs;
    private final int stride;
    private final int vaeImages;
    private final int trainMinutes;
    private final int evalStep;
    private final int testBars;
    private final int paperBars;
    private final int liveBars;
    private final int backtestBars;

    DemoSize(int days, int epochs, int stride, int vaeImages, int trainMinutes, int evalStep, int testBars,
             int paperBars, int liveBars, int backtestBars) {
        this.backtestBars = backtestBars;
        this.days = days;
        this.epochs = epochs;
        this.stride = stride;
        this.vaeImages = vaeImages;
        this.trainMinutes = trainMinutes;
        this.evalStep = evalStep;
        this.testBars = testBars;
        this.paperBars = paperBars;
        this.liveBars = liveBars;
    }

    int days() {
        return days;
    }

    /** Bars before a first decision that fit the baselines, the regime model and the calibration's start. */
    int fitBars() {
        return 1000;
    }

    int calibrationBars() {
        return 500;
    }

    int testBars() {
        return testBars;
    }

    int evalStep() {
        return evalStep;
    }

    /** Stored bars the paper session replays before going live: the skill gate needs 200 resolved forecasts. */
    int paperBars() {
        return paperBars;
    }

    int liveBars() {
        return liveBars;
    }

    /** Decision bars of the backtest, its last ones (0: every bar after the model's training data). */
    int backtestBars() {
        return backtestBars;
    }

    String[] trainArgs(String db, DemoLayout layout, long seed, Path model) {
        return List.of("--db", db, "--symbol", DemoCommand.PREDICTABLE, "--timeframe", "M5", "--to",
                TimeArg.format(layout.trainTo()), "--epochs", Integer.toString(epochs), "--stride",
                Integer.toString(stride), "--vae-epochs", "1", "--vae-images", Integer.toString(vaeImages),
                // Four times the default rate: on the demo's bars with these arguments, 5e-4 left the raw 90 %
                // intervals covering 12 % of validation outcomes at 15 minutes, 2e-3 73 % (docs/cli.md).
                "--lr", "2e-3",
                "--validation-windows", "256", "--validation-samples", "20", "--max-minutes",
                Integer.toString(trainMinutes), "--seed", Long.toString(seed), "--out", model.toString())
                .toArray(String[]::new);
    }
}
