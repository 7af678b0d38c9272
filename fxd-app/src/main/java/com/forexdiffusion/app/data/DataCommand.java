package com.forexdiffusion.app.data;

import picocli.CommandLine.Command;

@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Market data: import candle files, fetch from cTrader, inspect, resample, generate synthetic data, "
                + "export.",
        subcommands = {DataImportCommand.class, DataInfoCommand.class, DataResampleCommand.class,
                DataSynthCommand.class, DataExportCommand.class, DataFetchCommand.class})
public final class DataCommand {
}
