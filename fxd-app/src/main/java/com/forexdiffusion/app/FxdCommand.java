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
import picocli.CommandLine.Command;

@Command(name = "fxd", mixinStandardHelpOptions = true, versionProvider = CodeVersion.class,
        description = "ForexDiffusion: candles to probabilistic forecasts to risk-sized orders.",
        subcommands = {DataCommand.class, VisionCommand.class, ForecastCommand.class, EvaluateCommand.class, BacktestCommand.class, OptimizeCommand.class, PaperCommand.class, TrainCommand.class, ModelCommand.class, BenchCommand.class, DemoCommand.class, ServeCommand.class, CTraderCommand.class})
public final class FxdCommand {
}
