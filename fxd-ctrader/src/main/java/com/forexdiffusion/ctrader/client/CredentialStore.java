package com.forexdiffusion.ctrader.client;

import com.forexdiffusion.core.FxdException;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where credentials come from and where refreshed tokens go: a properties file with owner-only permissions
 * ({@code --credentials FILE}) or the environment variables {@code FXD_CTRADER_CLIENT_ID},
 * {@code FXD_CTRADER_CLIENT_SECRET}, {@code FXD_CTRADER_ACCESS_TOKEN}, {@code FXD_CTRADER_REFRESH_TOKEN}.
 */
public interface CredentialStore {
    String CLIENT_ID = "FXD_CTRADER_CLIENT_ID";
    String CLIENT_SECRET = "FXD_CTRADER_CLIENT_SECRET";
    String ACCESS_TOKEN = "FXD_CTRADER_ACCESS_TOKEN";
    String REFRESH_TOKEN = "FXD_CTRADER_REFRESH_TOKEN";

    Credentials load();

    /** Keeps refreshed tokens for the next run. */
    void save(Credentials credentials);

    /** Where the credentials live, for messages: never their values. */
    String describe();

    /** Credentials held in memory only (benchmarks, the fake server's demo): refreshed tokens live as long as it. */
    static CredentialStore inMemory(Credentials initial) {
        return new CredentialStore() {
            private Credentials current = initial;

            @Override
            public synchronized Credentials load() {
                return current;
            }

            @Override
            public synchronized void save(Credentials credentials) {
                current = credentials;
            }

            @Override
            public String describe() {
                return "memory";
            }
        };
    }

    /**
     * The file when one is given; otherwise the environment, whose refreshed tokens are kept in {@code tokenFile}
     * (owner-only) and preferred over the environment's on the next run when that file exists.
     */
    static CredentialStore resolve(Path file, Map<String, String> env, Path tokenFile) {
        if (file != null) {
            return new FileCredentials(file);
        }
        if (env.get(CLIENT_ID) == null && env.get(ACCESS_TOKEN) == null) {
            throw new FxdException("no cTrader credentials: pass --credentials FILE (a properties file with client_id, "
                    + "client_secret, access_token, refresh_token, readable by its owner only) or set " + CLIENT_ID
                    + ", " + CLIENT_SECRET + ", " + ACCESS_TOKEN + " and " + REFRESH_TOKEN);
        }
        return new EnvCredentials(env, tokenFile);
    }
}
