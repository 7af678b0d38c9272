package com.forexdiffusion.web;

import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With a token every request needs it; without one the server refuses any address but loopback. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenAuthTest {
    static final String TOKEN = "s3cret-Token-42";
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    Database db;
    DashboardServer server;
    String base;

    @BeforeAll
    void start() throws Exception {
        db = Database.open("sqlite:" + Files.createTempDirectory("fxd-web-auth").resolve("fxd.db"));
        server = DashboardServer.builder(db).port(0).token(TOKEN).build().start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void withoutTheTokenEveryRequestIs401WithNoData() throws Exception {
        for (String path : List.of("/api/health", "/api/settings", "/api/series", "/api/accounts", "/api/runs",
                "/chart", "/settings", "/assets/app.js", "/assets/vendor/lightweight-charts.standalone.production.js")) {
            Fixture.Response r = Fixture.get(http, base, path);
            assertThat(r.status()).as(path).isEqualTo(401);
            assertThat(r.body()).as(path).doesNotContain("\"status\"").doesNotContain("mc_samples")
                    .doesNotContain("LightweightCharts").doesNotContain("createChart");
        }
        assertThat(Fixture.get(http, base, "/chart").body()).contains("<form").contains("name=\"token\"");
        Fixture.Response put = Fixture.send(http, base, "PUT", "/api/settings", "{\"mc_samples\": 60}");
        assertThat(put.status()).isEqualTo(401);
        assertThat(new com.forexdiffusion.web.settings.SettingsStore(db).load().mcSamples()).isEqualTo(50);
    }

    @Test
    void aWrongTokenIs401() throws Exception {
        assertThat(Fixture.get(http, base, "/api/health", "Authorization", "Bearer wrong").status()).isEqualTo(401);
        assertThat(Fixture.get(http, base, "/api/health", "X-FXD-Token", TOKEN + "x").status()).isEqualTo(401);
        assertThat(Fixture.get(http, base, "/api/health", "Cookie", "fxd_session=" + TOKEN).status()).isEqualTo(401);
    }

    @Test
    void theTokenInAHeaderAdmits() throws Exception {
        Fixture.Response r = Fixture.get(http, base, "/api/health", "Authorization", "Bearer " + TOKEN);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("ok");
        assertThat(r.json().get("auth").asBoolean()).isTrue();
        assertThat(Fixture.get(http, base, "/api/series", "X-FXD-Token", TOKEN).status()).isEqualTo(200);
    }

    @Test
    void theLoginFormSetsACookieThatIsNotTheToken() throws Exception {
        HttpResponse<String> bad = http.send(form("token=nope&next=/settings"), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.headers().firstValue("set-cookie")).isEmpty();
        HttpResponse<String> ok = http.send(form("token=" + TOKEN + "&next=/settings"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(ok.headers().firstValue("location")).contains("/settings");
        String cookie = ok.headers().firstValue("set-cookie").orElseThrow();
        assertThat(cookie).startsWith("fxd_session=").contains("HttpOnly").doesNotContain(TOKEN);
        String pair = cookie.substring(0, cookie.indexOf(';'));
        Fixture.Response page = Fixture.get(http, base, "/chart", "Cookie", pair);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain(TOKEN);
        assertThat(Fixture.get(http, base, "/api/settings", "Cookie", pair).status()).isEqualTo(200);
        // An off-site "next" is not followed.
        HttpResponse<String> off = http.send(form("token=" + TOKEN + "&next=//evil.example/"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(off.headers().firstValue("location")).contains("/chart");
    }

    @Test
    void theWebSocketNeedsTheTokenToo() throws Exception {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public java.util.concurrent.CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                first.complete(data.toString());
                return null;
            }

            @Override
            public java.util.concurrent.CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                closed.complete(code);
                return null;
            }
        };
        try {
            http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), listener)
                    .get(5, TimeUnit.SECONDS);
            assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo(4401);
        } catch (java.util.concurrent.ExecutionException refused) {
            // Refusing the upgrade outright is as good as closing it.
        }
        assertThat(first).isNotDone();
        WebSocket ok = http.newWebSocketBuilder().header("Authorization", "Bearer " + TOKEN)
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), new WebSocket.Listener() {
                }).get(5, TimeUnit.SECONDS);
        assertThat(ok.isOutputClosed()).isFalse();
        ok.abort();
    }

    @Test
    void aNonLoopbackBindWithoutATokenIsRefused() {
        assertThatThrownBy(() -> DashboardServer.builder(db).bind("0.0.0.0").port(0).build().start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("token");
        assertThat(DashboardServer.isLoopback("127.0.0.1")).isTrue();
        assertThat(DashboardServer.isLoopback("localhost")).isTrue();
        assertThat(DashboardServer.isLoopback("0.0.0.0")).isFalse();
    }

    private HttpRequest form(String body) {
        return HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

}
