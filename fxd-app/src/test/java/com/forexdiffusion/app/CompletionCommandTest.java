package com.forexdiffusion.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code fxd completion bash} prints a script that real bash sources and that completes commands and options. */
class CompletionCommandTest {
    @TempDir
    Path dir;

    @Test
    void theScriptNamesEveryCommandAndIsRegisteredForFxd() {
        Cli r = Cli.run("completion", "bash");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("complete -F _complete_fxd").contains("function _picocli_fxd_data_import()");
        for (String name : new CommandLine(new FxdCommand()).getSubcommands().keySet()) {
            assertThat(r.out()).as("subcommand " + name).contains(name);
        }
    }

    @Test
    void bashCompletesCommandsSubcommandsOptionsAndTheShell() throws Exception {
        Path script = dir.resolve("fxd.bash");
        Files.writeString(script, Cli.run("completion", "bash").out());
        assertThat(complete(script, "fxd", "da")).isEqualTo("data");
        assertThat(complete(script, "fxd", "data", "im")).isEqualTo("import");
        assertThat(complete(script, "fxd", "backtest", "--time")).isEqualTo("--timeframe");
        assertThat(complete(script, "fxd", "completion", "b")).isEqualTo("bash");
        assertThat(complete(script, "fxd", "no-such-")).isEmpty();
    }

    @Test
    void anUnknownShellIsAUsageErrorNamingIt() {
        Cli r = Cli.run("completion", "fish");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("fish").contains("bash");
    }

    /** Runs the generated completion function as bash would on TAB after the given words. */
    private static String complete(Path script, String... words) throws Exception {
        String line = String.join(" ", words);
        String bash = "source '" + script + "' 2>/dev/null; COMP_WORDS=(" + line + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + line + "'; COMP_POINT=" + line.length() + "; _complete_fxd 2>/dev/null; "
                + "echo \"${COMPREPLY[*]}\"";
        Process p = new ProcessBuilder("bash", "-c", bash).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
