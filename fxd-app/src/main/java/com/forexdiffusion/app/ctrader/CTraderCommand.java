package com.forexdiffusion.app.ctrader;

import picocli.CommandLine.Command;

@Command(name = "ctrader", mixinStandardHelpOptions = true,
        description = "cTrader Open API tools: the local fake server for tests and the demo, the live bar watcher.",
        footer = {"%nExamples:",
                "  fxd ctrader serve-fake --port 5035 --db sqlite:data/fxd.db",
                "  fxd ctrader watch --host 127.0.0.1:5035 --insecure --symbol EURUSD"},
        subcommands = {ServeFakeCommand.class, WatchCommand.class})
public final class CTraderCommand {
}
