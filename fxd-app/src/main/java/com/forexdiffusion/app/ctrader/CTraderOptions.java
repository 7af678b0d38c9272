package com.forexdiffusion.app.ctrader;

import com.forexdiffusion.ctrader.client.CTraderClient;
import com.forexdiffusion.ctrader.client.Endpoint;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options that say which cTrader server to use and with which credentials (never the secrets themselves). */
public final class CTraderOptions {
    @Mixin
    CTraderConnection connection;

    @ArgGroup
    Environment environment = new Environment();

    static final class Environment {
        @Option(names = "--demo", description = "A demo account (default).")
        boolean demo;

        @Option(names = "--live", description = "A live account.")
        boolean live;
    }

    @Option(names = "--account", paramLabel = "ID",
            description = "cTrader account id (default: the first demo/live account the access token grants).")
    Long account;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the reconnect jitter (default: ${DEFAULT-VALUE}).")
    long seed;

    public Endpoint endpoint() {
        return connection.endpoint(environment.live);
    }

    public static Path defaultTokenFile() {
        return CTraderConnection.defaultTokenFile();
    }

    public CTraderClient client() {
        return connection.client(environment.live, account, seed);
    }
}
