package com.forexdiffusion.app;

import com.forexdiffusion.app.backtest.BacktestCommand;
import com.forexdiffusion.app.paper.PaperCommand;
import com.forexdiffusion.app.bench.BenchCommand;
import com.forexdiffusion.app.ctrader.CTraderCommand;
import com.forexdiffusion.app.data.DataCommand;
import com.forexdiffusion.app.demo.DemoCommand;
import com.forexdiffusion.app.evaluate.EvaluateCommand;
import com.forexdiffusion.app.forecast.ForecastCommand;
import com.forexdiffusion.app.model.ModelCommand;
import com.forexdiffusion.app.serve.ServeCommand;
import com.forexdiffusion.app.optimize.OptimizeCommand;
import com.forexdiffusion.app.train.TrainCommand;
import com.forexdiffusion.app.vision.VisionCommand;
import com.forexdiffusion.app.completion.CompletionCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(name = "fxd", mixinStandardHelpOptions = true, versionProvider = CodeVersion.class,
        description = "ForexDiffusion: candles to probabilistic forecasts to risk-sized orders.",
        footer = {"%nExamples:",
                "  fxd demo                         # the whole story on synthetic data",
                "  fxd data import HISTDATA_ASCII_EURUSD_M1_2023.zip",
                "  fxd COMMAND --help               # every option, with its default",
                "  source <(fxd completion bash)    # TAB completion in this shell",
                "%nEnvironment:",
                "  FXD_DB       the default --db",
                "  FXD_LOG      error|warn|info|debug|trace: library logging (default: warnings)",
                "  FXD_DEVICE   auto|cpu|gpu (default: auto)",
                "  FXD_THREADS  PyTorch threads (default: one per core)"},
        subcommands = {DataCommand.class, VisionCommand.class, ForecastCommand.class, EvaluateCommand.class, BacktestCommand.class, OptimizeCommand.class, PaperCommand.class, TrainCommand.class, ModelCommand.class, BenchCommand.class, DemoCommand.class, ServeCommand.class, CTraderCommand.class, CompletionCommand.class})
public final class FxdCommand {
    /** Read by Main from the parse result (any level of the command line), before anything runs. */
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Let the libraries log at info level (database migrations, engine start-up, ...); "
                    + "FXD_LOG=debug shows more still.")
    boolean verbose;
}
