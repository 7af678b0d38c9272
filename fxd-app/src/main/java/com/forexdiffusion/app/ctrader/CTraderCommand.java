package com.forexdiffusion.app.ctrader;

import picocli.CommandLine.Command;

@Command(name = "ctrader", mixinStandardHelpOptions = true,
        description = "cTrader Open API tools: the local fake server for tests and the demo, the live bar watcher.",
        subcommands = {ServeFakeCommand.class, WatchCommand.class})
public final class CTraderCommand {
}
