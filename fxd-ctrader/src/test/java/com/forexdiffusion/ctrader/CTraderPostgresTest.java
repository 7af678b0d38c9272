package com.forexdiffusion.ctrader;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.ctrader.client.CTraderClient;
import com.forexdiffusion.ctrader.fake.FakeServer;
import com.forexdiffusion.data.history.HistoryImport;
import com.forexdiffusion.data.history.HistoryImportResult;
import com.forexdiffusion.data.history.HistoryRequest;
import com.forexdiffusion.data.store.Database;
import com.xtrader.protocol.openapi.v2.model.ProtoOAPayloadType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fetch into PostgreSQL (127.0.0.1:5432, trust auth; .ci/run starts it) in a database of its own: the bars and the
 * symbols cache (migration V10) work there as on SQLite. An unreachable server fails the test; it never skips.
 */
class CTraderPostgresTest {
    static final String HOST = System.getProperty("fxd.pg.host", "127.0.0.1:5432");
    static final String ADMIN_URL = "jdbc:postgresql://" + HOST + "/postgres?user=postgres";
    static final Instant START = Instant.parse("2024-03-04T00:00:00Z");
    private final String name = "fxd_ctrader_" + Long.toHexString(System.nanoTime());

    @TempDir
    Path dir;

    @BeforeEach
    void create() throws SQLException {
        admin("CREATE DATABASE " + name);
    }

    @AfterEach
    void drop() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void aFetchIntoPostgresStoresTheBarsAndCachesTheSymbols() throws Exception {
        Database source = FakeMarket.db(dir, "source.db");
        BarSeries stored = FakeMarket.seed(source, "EURUSD", START, 2, 8);
        try (Database target = Database.open("jdbc:postgresql://" + HOST + "/" + name + "?user=postgres");
             FakeServer server = FakeServer.builder().candles(source.candles())
                     .clock(InstantSource.fixed(Instant.parse("2024-03-10T00:00:00Z"))).build().start()) {
            for (int run = 0; run < 2; run++) {
                try (CTraderClient client = FakeMarket.client(server.port(),
                        FakeMarket.store(FakeMarket.credentialsFile(dir))).build()) {
                    HistoryImportResult r = new HistoryImport(target.candles()).run(
                            FakeMarket.history(client, target, InstantSource.system(), 1_000),
                            new HistoryRequest("EURUSD", Timeframe.M1, START.toEpochMilli(),
                                    START.toEpochMilli() + 2 * 86_400_000L - 1), null);
                    assertThat(r.newRows()).isEqualTo(run == 0 ? stored.size() : 0);
                }
            }
            Series.assertSame(target.candles().readAll("EURUSD", Timeframe.M1), stored);
            assertThat(server.requests().stream()
                    .filter(e -> e.payloadType() == ProtoOAPayloadType.PROTO_OA_SYMBOLS_LIST_REQ_VALUE).count())
                    .isEqualTo(1);
            try (Connection c = target.connection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name, canonical, account_id FROM ctrader_symbols")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("canonical")).isEqualTo("EURUSD");
                assertThat(rs.getLong("account_id")).isEqualTo(1001);
            }
        }
    }
}
