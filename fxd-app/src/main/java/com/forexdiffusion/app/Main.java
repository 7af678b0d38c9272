package com.forexdiffusion.app;

import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.ldm4ts.compute.ComputeSettings;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of the {@code fxd} command. Exit codes: 0 success, 1 failure (message on stderr), 2 usage error. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line with the given streams; tests call this directly. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter o = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cli = new CommandLine(new FxdCommand());
        cli.setOut(o);
        cli.setErr(e);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        versionEverywhere(cli, new CodeVersion());
        // Parsed first, so that --verbose is known before the engine's start-up logs anything.
        cli.setExecutionStrategy(parsed -> {
            try {
                LogLevel.apply(LogLevel.fromEnvironment(System.getenv(LogLevel.VARIABLE)), verbose(parsed));
                ComputeSettings.fromEnvironment(System.getenv(), Runtime.getRuntime().availableProcessors())
                        .configureEngine();
            } catch (FxdException ex) {
                e.println("fxd: " + ex.getMessage());
                return 2;
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("fxd: " + describe(ex));
            if (!(ex instanceof FxdException) || Boolean.getBoolean("fxd.debug")) {
                ex.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return 1;
        });
        int code = cli.execute(args);
        o.flush();
        e.flush();
        return code;
    }

    /** Every command's -V prints the code version (picocli would print nothing for a subcommand without one). */
    private static void versionEverywhere(CommandLine cli, CommandLine.IVersionProvider version) {
        if (cli.getCommandSpec().versionProvider() == null) {
            cli.getCommandSpec().versionProvider(version);
        }
        cli.getSubcommands().values().forEach(sub -> versionEverywhere(sub, version));
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable ex) {
        if (ex instanceof FxdException) {
            return ex.getMessage();
        }
        return "unexpected error: " + ex;
    }
}
