package com.forexdiffusion.web.auth;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Access with a shared token: as {@code Authorization: Bearer T}, {@code X-FXD-Token: T} or the session cookie that
 * the login form sets. The cookie holds an HMAC of the token under a key made at start-up, never the token itself,
 * so neither a page nor a cookie jar reveals it (and a restart logs every browser out). Without a token configured
 * (loopback only, enforced by the server) everything is open.
 */
public final class TokenGuard {
    public static final String COOKIE = "fxd_session";
    private final byte[] token;
    private final String sessionValue;

    private TokenGuard(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.sessionValue = token == null ? null : hmac(token);
    }

    public static TokenGuard open() {
        return new TokenGuard(null);
    }

    public static TokenGuard requiring(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("an empty token protects nothing");
        }
        return new TokenGuard(token);
    }

    public boolean enabled() {
        return token != null;
    }

    /** Whether the request carries the token or a valid session cookie. */
    public boolean admits(Context ctx) {
        return admits(ctx.header("Authorization"), ctx.header("X-FXD-Token"), ctx.cookie(COOKIE));
    }

    /** The same check from the raw header and cookie values (a WebSocket upgrade has no {@link Context}). */
    public boolean admits(String auth, String header, String cookie) {
        if (token == null) {
            return true;
        }
        if (auth != null && auth.startsWith("Bearer ") && matches(auth.substring(7).trim())) {
            return true;
        }
        if (header != null && matches(header.trim())) {
            return true;
        }
        return cookie != null && MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8),
                sessionValue.getBytes(StandardCharsets.UTF_8));
    }

    /** Checks a token typed into the login form; on success sets the session cookie. */
    public boolean login(Context ctx, String typed) {
        if (token == null || typed == null || !matches(typed.trim())) {
            return false;
        }
        Cookie c = new Cookie(COOKIE, sessionValue);
        c.setHttpOnly(true);
        c.setPath("/");
        c.setSameSite(SameSite.STRICT);
        ctx.cookie(c);
        return true;
    }

    private boolean matches(String candidate) {
        return MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8), token);
    }

    private static String hmac(String token) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
