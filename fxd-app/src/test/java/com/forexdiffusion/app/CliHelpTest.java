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
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks the real picocli model of {@code fxd} (every subcommand, recursively): every option and parameter is
 * described, every default is shown in the help, every command has an example that names it, and every
 * {@code --help} and {@code --version} exit 0. A failure names the command and the option, so a command added
 * elsewhere is fixed at once.
 */
class CliHelpTest {
    private static CommandSpec fxd() {
        return new CommandLine(new FxdCommand()).getCommandSpec();
    }

    @Test
    void everyOptionAndParameterHasADescription() {
        assertThat(undescribed(fxd())).as("options without a description (add description = \"...\")").isEmpty();
    }

    @Test
    void everyDefaultIsShownInTheHelp() {
        assertThat(unshownDefaults(fxd())).as("defaults the help does not show").isEmpty();
    }

    @Test
    void everyCommandHasAnExampleNamingItInItsFooter() {
        assertThat(missingExamples(fxd())).as("commands without a usable example").isEmpty();
    }

    @Test
    void everyCommandsHelpAndVersionExitZero() {
        List<String> failed = new ArrayList<>();
        for (CommandSpec c : commands(fxd())) {
            List<String> argv = new ArrayList<>(Arrays.asList(c.qualifiedName().split(" ")));
            argv.remove(0);
            argv.add("--help");
            Cli r = Cli.run(argv.toArray(String[]::new));
            if (r.code() != 0 || !r.out().contains("Usage: " + c.qualifiedName()) || !r.out().contains("Examples:")) {
                failed.add(c.qualifiedName() + " --help: exit " + r.code() + ", stderr " + r.err().strip());
            }
            argv.set(argv.size() - 1, "--version");
            Cli v = Cli.run(argv.toArray(String[]::new));
            if (v.code() != 0 || !v.out().strip().equals("fxd " + CodeVersion.current())) {
                failed.add(c.qualifiedName() + " --version: exit " + v.code() + ", printed '" + v.out().strip() + "'");
            }
        }
        assertThat(failed).isEmpty();
        assertThat(commands(fxd())).extracting(CommandSpec::qualifiedName)
                .contains("fxd", "fxd data import", "fxd evaluate ett", "fxd backtest", "fxd paper", "fxd completion");
    }

    @Test
    void everyExampleParses() {
        List<String> examples = examples(fxd());
        assertThat(examples).hasSizeGreaterThan(40);
        assertThat(unparsable(examples)).as("examples the command line refuses").isEmpty();
    }

    /** The checks themselves can fail: a planted command with each fault is reported by command and option. */
    @Test
    void theChecksNameTheCommandAndTheOptionAtFault() {
        CommandSpec root = CommandSpec.create().name("probe");
        root.usageMessage().footer("%nExamples:", "  probe sub --n 3");
        CommandSpec sub = CommandSpec.create().name("sub");
        sub.usageMessage().description("95% of the time").footer("%nSee also: probe");
        sub.addOption(OptionSpec.builder("--bare").type(String.class).build());
        sub.addOption(OptionSpec.builder("--n").type(int.class).defaultValue("7").description("a count").build());
        sub.addOption(OptionSpec.builder("--shown").type(int.class).defaultValue("7")
                .description("a count (default: ${DEFAULT-VALUE})").build());
        sub.addOption(OptionSpec.builder("--flag").type(boolean.class).description("a flag").build());
        sub.addPositional(PositionalParamSpec.builder().paramLabel("FILE").type(String.class).build());
        root.addSubcommand("sub", new CommandLine(sub));

        assertThat(undescribed(root)).containsExactly("probe sub: --bare has no description",
                "probe sub: parameter FILE has no description");
        assertThat(unshownDefaults(root)).containsExactly("probe sub: --n has default '7' that its description "
                + "does not show (add \"(default: ${DEFAULT-VALUE})\")");
        assertThat(examples(root)).containsExactly("probe sub --n 3");
        assertThat(unparsable(List.of("fxd data export --symbol EURUSD --timeframe M15", "fxd data info --jsn",
                "fxd data info --json"))).hasSize(2).allSatisfy(m -> assertThat(m).startsWith("fxd data "))
                .anySatisfy(m -> assertThat(m).contains("--out")).anySatisfy(m -> assertThat(m).contains("--jsn"));
        assertThat(missingExamples(root)).containsExactly(
                "probe sub: its description has a bare % (write %% in picocli text)",
                "probe sub: no example naming it in the usage footer (footer = {\"%nExamples:\", \"  probe sub ...\"})");
    }

    static List<CommandSpec> commands(CommandSpec root) {
        List<CommandSpec> all = new ArrayList<>();
        all.add(root);
        root.subcommands().values().stream().map(CommandLine::getCommandSpec).distinct()
                .filter(s -> !s.usageMessage().hidden()).forEach(s -> all.addAll(commands(s)));
        return all;
    }

    static List<String> undescribed(CommandSpec root) {
        List<String> problems = new ArrayList<>();
        for (CommandSpec c : commands(root)) {
            for (ArgSpec a : args(c)) {
                if (String.join("", a.description()).isBlank()) {
                    problems.add(c.qualifiedName() + ": " + name(a) + " has no description");
                } else if (barePercent(a.description())) {
                    problems.add(c.qualifiedName() + ": " + name(a) + " has a bare % (write %% in picocli text)");
                }
            }
        }
        return problems;
    }

    static List<String> unshownDefaults(CommandSpec root) {
        List<String> problems = new ArrayList<>();
        for (CommandSpec c : commands(root)) {
            for (ArgSpec a : args(c)) {
                String def = shownDefault(a);
                String shown = String.join(" ", a.renderedDescription());
                if (def != null && !(shown.contains(def) && shown.toLowerCase(Locale.ROOT).contains("default"))) {
                    problems.add(c.qualifiedName() + ": " + name(a) + " has default '" + def
                            + "' that its description does not show (add \"(default: ${DEFAULT-VALUE})\")");
                }
            }
        }
        return problems;
    }

    static List<String> missingExamples(CommandSpec root) {
        List<String> problems = new ArrayList<>();
        for (CommandSpec c : commands(root)) {
            String name = c.qualifiedName();
            if (barePercent(c.usageMessage().description())) {
                problems.add(name + ": its description has a bare % (write %% in picocli text)");
            }
            String[] footer = c.usageMessage().footer();
            Arrays.stream(footer).filter(l -> l.replace("%n", "").length() > 79).forEach(l ->
                    problems.add(name + ": footer line longer than 79 characters, picocli wraps it: " + l));
            boolean example = Arrays.stream(footer).anyMatch(l -> l.contains(name + " ") || l.strip().endsWith(name));
            if (!example || Arrays.stream(footer).noneMatch(l -> l.contains("Examples:"))) {
                problems.add(name + ": no example naming it in the usage footer (footer = {\"%nExamples:\", \"  "
                        + name + " ...\"})");
            }
        }
        return problems;
    }

    /** The example commands of every footer: continuation lines joined, comments dropped, {@code &&} split. */
    static List<String> examples(CommandSpec root) {
        List<String> all = new ArrayList<>();
        for (CommandSpec c : commands(root)) {
            String text = String.join("\n", c.usageMessage().footer()).replace("\\\n", " ");
            for (String line : text.split("\n")) {
                for (String command : line.replaceAll("#.*", "").split("&&")) {
                    String e = command.strip().replaceAll("\\s+", " ");
                    if (e.startsWith(root.name() + " ") && !e.contains(" COMMAND")) {
                        all.add(e.replaceAll(" >.*", ""));
                    }
                }
            }
        }
        return all;
    }

    /** Examples that the real command line rejects (unknown or missing options, bad values), with picocli's reason. */
    static List<String> unparsable(List<String> examples) {
        List<String> problems = new ArrayList<>();
        for (String e : examples) {
            CommandLine cli = new CommandLine(new FxdCommand()).setCaseInsensitiveEnumValuesAllowed(true);
            List<String> argv = Arrays.asList(e.split(" "));
            try {
                cli.parseArgs(argv.subList(1, argv.size()).toArray(String[]::new));
            } catch (CommandLine.ParameterException ex) {
                problems.add(e + ": " + ex.getMessage());
            }
        }
        return problems;
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
