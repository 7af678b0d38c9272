package com.forexdiffusion.app.data;

import picocli.CommandLine.Command;

@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Market data: import candle files, fetch from cTrader, inspect, resample, generate synthetic data, "
                + "export.",
        footer = {"%nExamples:",
                "  fxd data synth --days 30 && fxd data resample --symbol EURUSD --to M5,H1 \\",
                "      && fxd data info"},
        subcommands = {DataImportCommand.class, DataInfoCommand.class, DataResampleCommand.class,
                DataSynthCommand.class, DataExportCommand.class, DataFetchCommand.class})
public final class DataCommand {
}
