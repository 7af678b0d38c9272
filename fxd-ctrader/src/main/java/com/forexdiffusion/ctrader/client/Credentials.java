package com.forexdiffusion.ctrader.client;

import com.forexdiffusion.core.FxdException;

/**
 * The application's and the trader's secrets. {@link #toString()} shows none of them, so a record printed by
 * accident (a log line, an exception) leaks nothing.
 */
public record Credentials(String clientId, String clientSecret, String accessToken, String refreshToken) {
    public Credentials {
        require(clientId, "client id");
        require(clientSecret, "client secret");
        require(accessToken, "access token");
        if (refreshToken != null && refreshToken.isBlank()) {
            refreshToken = null;
        }
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new FxdException("cTrader credentials: the " + what + " is missing");
        }
    }

    public Credentials withTokens(String access, String refresh) {
        return new Credentials(clientId, clientSecret, access, refresh);
    }

    @Override
    public String toString() {
        return "Credentials[hidden]";
    }
}
