package com.forexdiffusion.app;

import com.forexdiffusion.ctrader.fake.Fault;
import com.forexdiffusion.ctrader.fake.FaultPlan;
import com.forexdiffusion.ctrader.fake.FakeServer;
import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fxd paper --live} on the project's fake cTrader server over TLS: history fetched first, then spots replayed
 * at 300× drive the session bar by bar. A feed whose connection drops three times must trade exactly as one
 * without drops (the missed bars are fetched back before the session goes on).
 */
class PaperLiveTest {
    static final String SECRET = "live-s3cret-41Q";
    static final String TOKEN = "live-token-88ZB";

    @TempDir
    Path dir;

    @Test
    void aLiveSessionWithThreeDroppedConnectionsTradesAsOneWithout() throws Exception {
        String source = "sqlite:" + dir.resolve("source.db");
        assertThat(Cli.run("data", "synth", "--db", source, "--symbol", "EURUSD", "--days", "3", "--seed", "8").code())
                .isZero();
        Path creds = dir.resolve("ctrader.properties");
        Files.writeString(creds, "client_id=live-app\nclient_secret=" + SECRET + "\naccess_token=" + TOKEN + "\n");
        Files.setPosixFilePermissions(creds, PosixFilePermissions.fromString("rw-------"));
        Session clean = session(source, creds, "clean", FaultPlan.none());
        // History requests 1 and 2 are the fetch and the live source's first backfill; drops come after them.
        Session dropped = session(source, creds, "dropped",
                FaultPlan.none().at(4, Fault.DROP).at(7, Fault.DROP).at(10, Fault.DROP));
        assertThat(clean.predictions()).hasSizeGreaterThan(100);
        assertThat(dropped.predictions()).isEqualTo(clean.predictions());
        assertThat(dropped.orders()).isEqualTo(clean.orders());
        assertThat(clean.output()).contains("live feed: 0 reconnects");
        assertThat(dropped.output()).contains("live feed: 3 reconnects");
        assertThat(dropped.output()).doesNotContain(SECRET).doesNotContain(TOKEN);
    }

    record Session(List<String> predictions, List<String> orders, String output) {
    }

    private Session session(String source, Path creds, String name, FaultPlan faults) throws Exception {
        String target = "sqlite:" + dir.resolve(name + ".db");
        long spotsFrom = Instant.parse("2023-01-03T10:00:00Z").toEpochMilli();
        try (Database s = Database.open(source);
             FakeServer server = FakeServer.builder().candles(s.candles()).spots(300, spotsFrom).faults(faults)
                     .build().start()) {
            String host = "127.0.0.1:" + server.port();
            Cli fetch = Cli.run("data", "fetch", "--source", "ctrader", "--host", host, "--insecure", "--symbol",
                    "EURUSD", "--timeframe", "M1", "--from", "2023-01-02", "--to", "2023-01-02", "--credentials",
                    creds.toString(), "--db", target);
            assertThat(fetch.code()).as(fetch.err()).isZero();
            Cli paper = Cli.run("paper", "--live", "--source", "ctrader", "--host", host, "--insecure",
                    "--credentials", creds.toString(), "--db", target, "--symbol", "EURUSD", "--timeframe", "M1",
                    "--session", "live", "--from", "2023-01-03T09:00", "--to", "2023-01-03T10:30", "--train-bars",
                    "600", "--horizons", "15,60", "--samples", "20", "--forecaster", "dlinear", "--poll-seconds", "0.2");
            assertThat(paper.code()).as(paper.err()).isZero();
            assertThat(paper.out()).contains("90 bars processed");
            return new Session(rows(target, "SELECT forecast_time, horizon_minutes, mean_pred, q05_pred, q95_pred "
                    + "FROM ldm4ts_predictions ORDER BY forecast_time, horizon_minutes"),
                    rows(target, "SELECT symbol, side, kind, lots, price, status, created_at FROM trading_orders "
                            + "ORDER BY created_at, kind, side, lots"),
                    fetch.out() + fetch.err() + paper.out() + paper.err());
        }
    }

    static List<String> rows(String db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Database d = Database.open(db); Connection c = d.readConnection();
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(rs.getString(i)).append('|');
                }
                out.add(b.toString());
            }
        }
        return out;
    }
}
