package com.forexdiffusion.ctrader;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.ctrader.client.CTraderClient;
import com.forexdiffusion.ctrader.client.CredentialStore;
import com.forexdiffusion.ctrader.client.Credentials;
import com.forexdiffusion.ctrader.fake.FakeServer;
import com.forexdiffusion.data.history.HistoryImport;
import com.forexdiffusion.data.history.HistoryRequest;
import com.forexdiffusion.data.store.Database;
import com.xtrader.protocol.openapi.v2.model.ProtoOAPayloadType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Token refresh and persistence, and that no secret shows in any log, error or database file. */
class CTraderCredentialsTest {
    static final Instant NOW = Instant.parse("2024-03-08T12:00:00Z");
    static final Instant START = Instant.parse("2024-03-04T00:00:00Z");

    @TempDir
    Path dir;
    Database source;
    Database target;
    FakeServer server;
    ListAppender<ILoggingEvent> logs;
    Logger root;
    Level level;

    @BeforeEach
    void setUp() {
        source = FakeMarket.db(dir, "source.db");
        FakeMarket.seed(source, "EURUSD", START, 1, 3);
        target = FakeMarket.db(dir, "target.db");
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        level = root.getLevel();
        root.setLevel(Level.TRACE);
        logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        root.detachAppender(logs);
        root.setLevel(level);
        if (server != null) {
            server.close();
        }
    }

    private FakeServer start(boolean expired) {
        server = FakeServer.builder().candles(source.candles()).clock(InstantSource.fixed(NOW))
                .credentials(FakeMarket.CLIENT_ID, FakeMarket.CLIENT_SECRET, FakeMarket.ACCESS_TOKEN,
                        FakeMarket.REFRESH_TOKEN).accessTokenExpired(expired).build().start();
        return server;
    }

    private void fetch(CredentialStore store) {
        try (CTraderClient client = FakeMarket.client(server.port(), store).build()) {
            new HistoryImport(target.candles()).run(FakeMarket.history(client, target, InstantSource.fixed(NOW), 10_080),
                    new HistoryRequest("EURUSD", Timeframe.M1, START.toEpochMilli(), START.toEpochMilli() + 86_399_999L),
                    null);
        }
    }

    @Test
    void anExpiredAccessTokenIsRefreshedOnceAndTheNewTokensPersistedOwnerOnly() throws Exception {
        start(true);
        Path file = FakeMarket.credentialsFile(dir);
        fetch(FakeMarket.store(file));
        assertThat(target.candles().count("EURUSD", Timeframe.M1)).isEqualTo(source.candles().count("EURUSD",
                Timeframe.M1));
        long refreshes = server.requests().stream()
                .filter(e -> e.payloadType() == ProtoOAPayloadType.PROTO_OA_REFRESH_TOKEN_REQ_VALUE).count();
        assertThat(refreshes).isEqualTo(1);
        Properties saved = new Properties();
        saved.load(Files.newBufferedReader(file));
        String newAccess = server.currentAccessToken();
        assertThat(saved.getProperty("access_token")).isEqualTo(newAccess).isNotEqualTo(FakeMarket.ACCESS_TOKEN);
        assertThat(saved.getProperty("client_secret")).isEqualTo(FakeMarket.CLIENT_SECRET);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        // The next run uses the saved token without another refresh.
        fetch(FakeMarket.store(file));
        assertThat(server.requests().stream()
                .filter(e -> e.payloadType() == ProtoOAPayloadType.PROTO_OA_REFRESH_TOKEN_REQ_VALUE).count())
                .isEqualTo(1);

        List<String> secrets = List.of(FakeMarket.CLIENT_SECRET, FakeMarket.ACCESS_TOKEN, FakeMarket.REFRESH_TOKEN,
                newAccess, saved.getProperty("refresh_token"));
        assertThat(logText()).contains("access token refreshed");
        assertNoSecretIn(logText(), secrets, "the logs");
        for (Path db : databaseFiles()) {
            assertNoSecretIn(new String(Files.readAllBytes(db), StandardCharsets.ISO_8859_1), secrets, db.toString());
        }
        assertThat(new Credentials("a", FakeMarket.CLIENT_SECRET, "t", "r").toString())
                .doesNotContain(FakeMarket.CLIENT_SECRET);
    }

    @Test
    void refusedCredentialsFailWithAMessageThatNamesWhereToLookButShowsNoSecret() throws Exception {
        start(false);
        Path file = dir.resolve("wrong.properties");
        Files.writeString(file, "client_id=" + FakeMarket.CLIENT_ID + "\nclient_secret=wrong-" + FakeMarket.CLIENT_SECRET
                + "\naccess_token=" + FakeMarket.ACCESS_TOKEN + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> fetch(FakeMarket.store(file))).isInstanceOf(FxdException.class)
                .hasMessageContaining("refused the application").hasMessageContaining(file.toString())
                .satisfies(e -> assertNoSecretIn(stackText(e), List.of(FakeMarket.CLIENT_SECRET,
                        FakeMarket.ACCESS_TOKEN), "the exception"));

        Files.writeString(file, "client_id=" + FakeMarket.CLIENT_ID + "\nclient_secret=" + FakeMarket.CLIENT_SECRET
                + "\naccess_token=revoked-" + FakeMarket.ACCESS_TOKEN + "\n");
        assertThatThrownBy(() -> fetch(FakeMarket.store(file))).isInstanceOf(FxdException.class)
                .hasMessageContaining("CH_ACCESS_TOKEN_INVALID").hasMessageContaining("no refresh token")
                .satisfies(e -> assertNoSecretIn(stackText(e), List.of(FakeMarket.CLIENT_SECRET,
                        FakeMarket.ACCESS_TOKEN), "the exception"));
        assertNoSecretIn(logText(), List.of(FakeMarket.CLIENT_SECRET, FakeMarket.ACCESS_TOKEN), "the logs");
    }

    @Test
    void aTokenInvalidatedDuringTheSessionIsRefreshedAndTheSessionGoesOn() throws Exception {
        start(false);
        Path file = FakeMarket.credentialsFile(dir);
        try (CTraderClient client = FakeMarket.client(server.port(), FakeMarket.store(file)).build()) {
            long account = client.accountId();
            server.invalidateTokens();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (client.accountId() == account && server.connections() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(client.accountId()).isEqualTo(account);
            assertThat(server.connections()).isEqualTo(2);
        }
        Properties saved = new Properties();
        saved.load(Files.newBufferedReader(file));
        assertThat(saved.getProperty("access_token")).isEqualTo(server.currentAccessToken())
                .isNotEqualTo(FakeMarket.ACCESS_TOKEN);
        assertThat(logText()).contains("invalidated the access token").doesNotContain(FakeMarket.ACCESS_TOKEN)
                .doesNotContain(FakeMarket.REFRESH_TOKEN).doesNotContain(server.currentAccessToken());
    }

    @Test
    void aCredentialsFileOthersCanReadIsRefused() throws Exception {
        Path file = FakeMarket.credentialsFile(dir);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> FakeMarket.store(file).load()).isInstanceOf(FxdException.class)
                .hasMessageContaining("chmod 600").hasMessageNotContaining(FakeMarket.CLIENT_SECRET);
    }

    @Test
    void environmentCredentialsKeepRefreshedTokensInTheTokenFileAndPreferThemNextTime() {
        Map<String, String> env = Map.of(CredentialStore.CLIENT_ID, FakeMarket.CLIENT_ID,
                CredentialStore.CLIENT_SECRET, FakeMarket.CLIENT_SECRET, CredentialStore.ACCESS_TOKEN,
                FakeMarket.ACCESS_TOKEN, CredentialStore.REFRESH_TOKEN, FakeMarket.REFRESH_TOKEN, "PATH", "/bin");
        Path tokens = dir.resolve("tokens/ctrader.properties");
        start(true);
        fetch(CredentialStore.resolve(null, env, tokens));
        Credentials next = CredentialStore.resolve(null, env, tokens).load();
        assertThat(next.accessToken()).isEqualTo(server.currentAccessToken());
        assertThat(next.clientSecret()).isEqualTo(FakeMarket.CLIENT_SECRET);
        assertThatThrownBy(() -> CredentialStore.resolve(null, Map.of(), tokens))
                .hasMessageContaining(CredentialStore.CLIENT_ID).hasMessageContaining("--credentials");
    }

    private String logText() {
        StringBuilder sb = new StringBuilder();
        for (ILoggingEvent e : logs.list) {
            sb.append(e.getFormattedMessage()).append('\n');
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                sb.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
            }
        }
        assertThat(sb).as("the logs were captured").contains("cTrader");
        return sb.toString();
    }

    private static String stackText(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t).append('\n');
        }
        return sb.toString();
    }

    private List<Path> databaseFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().contains(".db")).forEach(out::add);
        }
        assertThat(out).isNotEmpty();
        return out;
    }

    private static void assertNoSecretIn(String text, List<String> secrets, String where) {
        for (String s : secrets) {
            assertThat(text).as("no secret in %s", where).doesNotContain(s);
        }
    }
}
