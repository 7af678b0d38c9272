package com.forexdiffusion.app.demo;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** The demo's numbered steps: each says what it shows, the commands it runs, and how long it took. */
final class DemoSteps {
    private final PrintWriter out;
    private final int total;
    private final long start = System.nanoTime();
    private int done;

    DemoSteps(PrintWriter out, int total) {
        this.out = out;
        this.total = total;
    }

    <T> T run(String name, String shows, Callable<T> step) throws Exception {
        done++;
        out.printf("[%d/%d] %s: %s%n", done, total, name, shows);
        out.flush();
        long t0 = System.nanoTime();
        T result = step.call();
        out.printf(Locale.ROOT, "      %s took %.1f s (%.1f s so far)%n", name, (System.nanoTime() - t0) / 1e9,
                (System.nanoTime() - start) / 1e9);
        out.flush();
        return result;
    }

    /** A step that only prints. */
    interface Step {
        void call() throws Exception;
    }

    void step(String name, String shows, Step step) throws Exception {
        run(name, shows, () -> {
            step.call();
            return null;
        });
    }

    /** The command a user would type for what the step runs now. */
    void echo(String command, String... args) {
        out.println("      $ fxd " + command + " " + Arrays.stream(args)
                .map(a -> a.matches("[\\w./:,=+@-]+") ? a : "'" + a + "'").collect(Collectors.joining(" ")));
        out.flush();
    }
}
