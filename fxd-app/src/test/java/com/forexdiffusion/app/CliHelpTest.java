package com.forexdiffusion.app;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks the real picocli model of {@code fxd} (every subcommand, recursively): every option and parameter is
 * described, every default is shown in the help, every command has an example that names it, and every
 * {@code --help} exits 0. A failure names the command and the option, so a new command is fixed at once.
 */
class CliHelpTest {
    private static List<CommandSpec> allCommands() {
        List<CommandSpec> all = new ArrayList<>();
        collect(new CommandLine(new FxdCommand()).getCommandSpec(), all);
        return all;
    }

    private static void collect(CommandSpec spec, List<CommandSpec> all) {
        all.add(spec);
        spec.subcommands().values().stream().map(CommandLine::getCommandSpec).distinct()
                .filter(s -> !s.usageMessage().hidden()).forEach(s -> collect(s, all));
    }

    @Test
    void everyOptionAndParameterHasADescription() {
        List<String> missing = new ArrayList<>();
        for (CommandSpec c : allCommands()) {
            for (ArgSpec a : args(c)) {
                if (String.join("", a.description()).isBlank()) {
                    missing.add(c.qualifiedName() + ": " + name(a) + " has no description");
                }
                if (barePercent(a.description())) {
                    missing.add(c.qualifiedName() + ": " + name(a) + " has a bare % (write %% in picocli text)");
                }
            }
        }
        assertThat(missing).as("options without a description (add description = \"...\")").isEmpty();
    }

    @Test
    void everyDefaultIsShownInTheHelp() {
        List<String> hidden = new ArrayList<>();
        for (CommandSpec c : allCommands()) {
            for (ArgSpec a : args(c)) {
                String def = shownDefault(a);
                String shown = String.join(" ", a.renderedDescription());
                if (def != null && !(shown.contains(def) && shown.toLowerCase(java.util.Locale.ROOT).contains("default"))) {
                    hidden.add(c.qualifiedName() + ": " + name(a) + " has default '" + def
                            + "' that its description does not show (add \"(default: ${DEFAULT-VALUE})\")");
                }
            }
        }
        assertThat(hidden).as("defaults the help does not show").isEmpty();
    }

    @Test
    void everyCommandHasAnExampleNamingItInItsFooter() {
        List<String> missing = new ArrayList<>();
        for (CommandSpec c : allCommands()) {
            String name = c.qualifiedName();
            if (barePercent(c.usageMessage().description())) {
                missing.add(name + ": its description has a bare % (write %% in picocli text)");
            }
            Arrays.stream(c.usageMessage().footer()).filter(l -> l.replace("%n", "").length() > 79).forEach(l ->
                    missing.add(name + ": footer line longer than 79 characters, picocli wraps it: " + l));
            boolean example = Arrays.stream(c.usageMessage().footer())
                    .anyMatch(l -> l.contains(name + " ") || l.trim().endsWith(name) || l.contains(name + "%n"));
            if (!example) {
                missing.add(name + ": no example in the usage footer (footer = {\"%nExamples:\", \"  " + name
                        + " ...\"})");
            }
        }
        assertThat(missing).as("commands without an example").isEmpty();
    }

    @Test
    void everyCommandsHelpExitsZeroAndShowsItsExample() {
        List<String> failed = new ArrayList<>();
        for (CommandSpec c : allCommands()) {
            List<String> argv = new ArrayList<>(Arrays.asList(c.qualifiedName().split(" ")));
            argv.remove(0);
            argv.add("--help");
            Cli r = Cli.run(argv.toArray(String[]::new));
            if (r.code() != 0 || !r.out().contains("Usage: " + c.qualifiedName()) || !r.out().contains("Example")) {
                failed.add(c.qualifiedName() + " --help: exit " + r.code() + ", stderr " + r.err().strip());
            }
        }
        assertThat(failed).isEmpty();
        assertThat(allCommands()).extracting(CommandSpec::qualifiedName)
                .contains("fxd", "fxd data import", "fxd backtest", "fxd paper", "fxd completion");
    }

    /** The walk itself can fail: an option planted without a description or default text is reported by name. */
    @Test
    void theWalkReportsAnUndescribedOptionWithItsCommand() {
        CommandSpec probe = CommandSpec.create().name("probe");
        probe.addOption(OptionSpec.builder("--quiet-default").type(int.class).defaultValue("7")
                .description("no default text").build());
        assertThat(shownDefault(probe.findOption("--quiet-default"))).isEqualTo("7");
        assertThat(String.join(" ", probe.findOption("--quiet-default").renderedDescription())).doesNotContain("7");
        probe.addOption(OptionSpec.builder("--shown").type(int.class).defaultValue("7")
                .description("seven (default: ${DEFAULT-VALUE})").build());
        assertThat(String.join(" ", probe.findOption("--shown").renderedDescription())).contains("7");
    }

    /** picocli formats help text with String.format: a lone % breaks the line and makes picocli warn. */
    private static boolean barePercent(String[] text) {
        return String.join("", text).replace("%%", "").replace("%n", "").contains("%");
    }

    private static List<ArgSpec> args(CommandSpec c) {
        List<ArgSpec> all = new ArrayList<>();
        c.options().stream().filter(o -> !o.hidden()).forEach(all::add);
        c.positionalParameters().stream().filter(p -> !p.hidden()).forEach(all::add);
        return all;
    }

    private static String name(ArgSpec a) {
        return a instanceof OptionSpec o ? o.longestName() : "parameter " + ((PositionalParamSpec) a).paramLabel();
    }

    /** The default a user would want to see: a declared or initial value, except a plain flag's false. */
    private static String shownDefault(ArgSpec a) {
        boolean flag = a.type() == boolean.class || a.type() == Boolean.class;
        if (flag && !(a instanceof OptionSpec o && o.negatable())) {
            return null;
        }
        Object v = a.defaultValue() != null ? a.defaultValue() : a.hasInitialValue() ? a.initialValue() : null;
        if (v == null || v instanceof Collection<?> c && c.isEmpty() || v.getClass().isArray()) {
            return null;
        }
        String s = a.defaultValueString(true);
        return s == null || s.isBlank() ? null : s;
    }
}
