package com.forexdiffusion.web.pages;

import com.forexdiffusion.web.auth.TokenGuard;
import com.forexdiffusion.web.http.Routes;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The page (one HTML shell for every bookmarkable view, the script draws the view named by the path), the login form
 * and the gate in front of everything else: with a token configured, a request without it gets 401 and no data
 * (an HTML request the login form, an API request a JSON error).
 */
public final class PageRoutes implements Routes {
    public static final List<String> PAGES = List.of("/", "/chart", "/signals", "/account", "/model-health", "/runs",
            "/settings");
    private static final String INDEX = resource("/web/index.html");
    private static final String LOGIN = resource("/web/login.html");
    private final TokenGuard guard;

    /** Thrown by the gate; the server's exception mapping answers it. */
    public static final class Unauthorized extends RuntimeException {
        public Unauthorized() {
            super("unauthorized", null, false, false);
        }
    }

    public PageRoutes(TokenGuard guard) {
        this.guard = guard;
    }

    @Override
    public void register(Javalin app) {
        app.before(ctx -> {
            if (!ctx.path().equals("/login") && !guard.admits(ctx)) {
                throw new Unauthorized();
            }
        });
        for (String p : PAGES) {
            app.get(p, ctx -> ctx.header("Cache-Control", "no-store").html(INDEX));
        }
        app.get("/login", ctx -> ctx.html(login("")));
        app.post("/login", this::login);
    }

    private void login(Context ctx) {
        if (!guard.enabled()) {
            ctx.redirect("/chart", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        if (guard.login(ctx, ctx.formParam("token"))) {
            ctx.redirect(safeNext(ctx.formParam("next")), io.javalin.http.HttpStatus.SEE_OTHER);
        } else {
            ctx.status(401).html(login("Wrong token."));
        }
    }

    /** Only a local path: an open redirect would let a link send the user elsewhere after login. */
    static String safeNext(String next) {
        return next != null && next.matches("/[A-Za-z0-9/_?=&.%:-]{0,300}") && !next.startsWith("//") ? next : "/chart";
    }

    public static void unauthorized(Context ctx) {
        ctx.status(401);
        if (ctx.path().startsWith("/api/") || ctx.path().equals("/ws")) {
            ctx.json(java.util.Map.of("error", "unauthorized: send the token (Authorization: Bearer T) or log in at "
                    + "/login"));
        } else {
            ctx.html(login(""));
        }
    }

    private static String login(String message) {
        return LOGIN.replace("{{message}}", message);
    }

    private static String resource(String name) {
        try (InputStream in = PageRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
