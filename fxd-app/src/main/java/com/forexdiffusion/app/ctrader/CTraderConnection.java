package com.forexdiffusion.app.ctrader;

import com.forexdiffusion.ctrader.client.CTraderClient;
import com.forexdiffusion.ctrader.client.CredentialStore;
import com.forexdiffusion.ctrader.client.Endpoint;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Which cTrader server to reach and with which credentials (never the secrets themselves). */
public final class CTraderConnection {
    @Option(names = "--host", paramLabel = "HOST:PORT",
            description = "Open API proxy (default: demo.ctraderapi.com:5035, or live.ctraderapi.com:5035 for a live "
                    + "account).")
    String host;

    @Option(names = "--insecure", description = "Accept any TLS certificate (only for the local fake server).")
    boolean insecure;

    @Option(names = "--credentials", paramLabel = "FILE", description = {"Properties file with client_id, "
            + "client_secret, access_token, refresh_token (owner-only; refreshed tokens are saved to it).",
            "Default: the environment variables FXD_CTRADER_CLIENT_ID, FXD_CTRADER_CLIENT_SECRET, "
                    + "FXD_CTRADER_ACCESS_TOKEN, FXD_CTRADER_REFRESH_TOKEN (refreshed tokens then go to "
                    + "~/.config/fxd/ctrader-tokens.properties)."})
    Path credentials;

    public Endpoint endpoint(boolean liveAccount) {
        return Endpoint.parse(host, liveAccount, insecure);
    }

    public static Path defaultTokenFile() {
        return Path.of(System.getProperty("user.home"), ".config", "fxd", "ctrader-tokens.properties");
    }

    /** A client of a demo or live account ({@code account} null: the first one the token grants). */
    public CTraderClient client(boolean liveAccount, Long account, long seed) {
        CredentialStore store = CredentialStore.resolve(credentials, System.getenv(), defaultTokenFile());
        return CTraderClient.builder().endpoint(endpoint(liveAccount)).credentials(store).accountId(account).seed(seed)
                .build();
    }
}
