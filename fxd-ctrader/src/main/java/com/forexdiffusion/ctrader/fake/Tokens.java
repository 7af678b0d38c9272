package com.forexdiffusion.ctrader.fake;

import java.util.concurrent.atomic.AtomicInteger;

/** The fake server's credentials: which client and tokens it accepts, and the tokens it issues on refresh. */
final class Tokens {
    private final String clientId;
    private final String clientSecret;
    private final AtomicInteger issued = new AtomicInteger();
    private String access;
    private String refresh;
    private boolean accessExpired;

    Tokens(String clientId, String clientSecret, String access, String refresh, boolean accessExpired) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.access = access;
        this.refresh = refresh;
        this.accessExpired = accessExpired;
    }

    boolean open() {
        return clientId == null;
    }

    synchronized boolean application(String id, String secret) {
        return open() ? id != null && !id.isBlank() : clientId.equals(id) && clientSecret.equals(secret);
    }

    /** null when the token is good, else the error code to reply. */
    synchronized String checkAccess(String token) {
        if (token == null || token.isBlank()) {
            return "CH_ACCESS_TOKEN_INVALID";
        }
        if (open()) {
            return null;
        }
        if (!token.equals(access)) {
            return "CH_ACCESS_TOKEN_INVALID";
        }
        return accessExpired ? "OA_AUTH_TOKEN_EXPIRED" : null;
    }

    /** New tokens for a valid refresh token (which is then used up), or null. */
    synchronized String[] refresh(String token) {
        if (token == null || (!open() && !token.equals(refresh))) {
            return null;
        }
        int n = issued.incrementAndGet();
        access = "fake-access-" + n + "-" + Long.toHexString(System.nanoTime());
        refresh = "fake-refresh-" + n + "-" + Long.toHexString(System.nanoTime());
        accessExpired = false;
        return new String[] {access, refresh};
    }

    /** The current access token is refused as expired from now on (until a refresh). */
    synchronized void expireAccess() {
        accessExpired = true;
    }

    synchronized String access() {
        return access;
    }
}
