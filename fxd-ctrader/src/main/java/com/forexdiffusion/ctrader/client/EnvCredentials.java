package com.forexdiffusion.ctrader.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Credentials from the environment. Environment variables cannot be rewritten for the next run, so refreshed tokens
 * go to an owner-only token file; when that file exists (for the same client id) its tokens win over the variables',
 * since cTrader invalidates a refresh token once it has been used.
 */
final class EnvCredentials implements CredentialStore {
    private final Map<String, String> env;
    private final Path tokenFile;

    EnvCredentials(Map<String, String> env, Path tokenFile) {
        this.env = Map.copyOf(env.entrySet().stream()
                .filter(e -> e.getKey().startsWith("FXD_CTRADER_") && e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        this.tokenFile = tokenFile;
    }

    @Override
    public Credentials load() {
        Credentials fromEnv = new Credentials(env.get(CLIENT_ID), env.get(CLIENT_SECRET), env.get(ACCESS_TOKEN),
                env.get(REFRESH_TOKEN));
        if (tokenFile != null && Files.isRegularFile(tokenFile)) {
            Credentials saved = new FileCredentials(tokenFile).load();
            if (saved.clientId().equals(fromEnv.clientId())) {
                return fromEnv.withTokens(saved.accessToken(), saved.refreshToken());
            }
        }
        return fromEnv;
    }

    @Override
    public void save(Credentials credentials) {
        if (tokenFile != null) {
            FileCredentials.write(tokenFile, credentials);
        }
    }

    @Override
    public String describe() {
        return "environment (" + CLIENT_ID + ", ...)" + (tokenFile == null ? "" : ", refreshed tokens in " + tokenFile);
    }
}
