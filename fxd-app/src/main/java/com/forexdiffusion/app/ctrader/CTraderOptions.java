package com.forexdiffusion.app.ctrader;

import com.forexdiffusion.ctrader.client.CTraderClient;
import com.forexdiffusion.ctrader.client.CredentialStore;
import com.forexdiffusion.ctrader.client.Endpoint;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options that say which cTrader server to use and with which credentials (never the secrets themselves). */
public final class CTraderOptions {
    @Option(names = "--host", paramLabel = "HOST:PORT",
            description = "Open API proxy (default: demo.ctraderapi.com:5035, or live.ctraderapi.com:5035 with --live).")
    String host;

    @Option(names = "--insecure", description = "Accept any TLS certificate (only for the local fake server).")
    boolean insecure;

    @ArgGroup
    Environment environment = new Environment();

    static final class Environment {
        @Option(names = "--demo", description = "A demo account (default).")
        boolean demo;

        @Option(names = "--live", description = "A live account.")
        boolean live;
    }

    @Option(names = "--credentials", paramLabel = "FILE", description = {"Properties file with client_id, "
            + "client_secret, access_token, refresh_token (owner-only; refreshed tokens are saved to it).",
            "Default: the environment variables FXD_CTRADER_CLIENT_ID, FXD_CTRADER_CLIENT_SECRET, "
                    + "FXD_CTRADER_ACCESS_TOKEN, FXD_CTRADER_REFRESH_TOKEN (refreshed tokens then go to "
                    + "~/.config/fxd/ctrader-tokens.properties)."})
    Path credentials;

    @Option(names = "--account", paramLabel = "ID",
            description = "cTrader account id (default: the first demo/live account the access token grants).")
    Long account;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the reconnect jitter (default: ${DEFAULT-VALUE}).")
    long seed;

    public Endpoint endpoint() {
        return Endpoint.parse(host, environment.live, insecure);
    }

    public static Path defaultTokenFile() {
        return Path.of(System.getProperty("user.home"), ".config", "fxd", "ctrader-tokens.properties");
    }

    public CTraderClient client() {
        CredentialStore store = CredentialStore.resolve(credentials, System.getenv(), defaultTokenFile());
        return CTraderClient.builder().endpoint(endpoint()).credentials(store).accountId(account).seed(seed).build();
    }
}
