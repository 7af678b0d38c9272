package com.forexdiffusion.app.completion;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for fxd: commands, options and enum values complete on TAB.",
                "The bash script also works in zsh (it loads bashcompinit itself)."},
        footer = {"%nExamples:",
                "  source <(fxd completion bash)    # this shell only",
                "  # every new shell (bash-completion installed):",
                "  fxd completion bash > ~/.local/share/bash-completion/completions/fxd"})
public final class CompletionCommand implements Callable<Integer> {
    /** The shells picocli's generator serves; one script covers both. */
    enum Shell { bash, zsh }

    @Parameters(index = "0", paramLabel = "SHELL",
            description = "bash or zsh (the same script: ${COMPLETION-CANDIDATES}).")
    Shell shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        out.print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        out.flush();
        return 0;
    }
}
