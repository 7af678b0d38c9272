package com.forexdiffusion.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

class BacktestCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheReportFilesAndARunRow() throws Exception {
        String db = "sqlite:" + dir.resolve("fxd.db");
        assertThat(Cli.run("data", "synth", "--db", db, "--days", "150", "--seed", "2").code()).isZero();
        assertThat(Cli.run("data", "resample", "--db", db, "--symbol", "EURUSD", "--to", "H1").code()).isZero();
        Path out = dir.resolve("bt");
        Cli r = Cli.run("backtest", "--db", db, "--symbol", "EURUSD", "--timeframe", "H1", "--from", "2023-04-03",
                "--forecaster", "dlinear", "--train-bars", "1500", "--horizons", "60,240", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode m = new ObjectMapper().readTree(Files.readString(out.resolve("metrics.json")));
        for (String k : new String[]{"trades", "total_return_pct", "sharpe", "sortino", "max_drawdown_pct",
                "profit_factor", "costs_paid"}) {
            assertThat(m.has(k)).as(k).isTrue();
        }
        long trades = m.get("trades").asLong();
        assertThat(m.get("max_drawdown_pct").asDouble()).isCloseTo(100 * m.get("max_drawdown").asDouble(),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Files.readAllLines(out.resolve("trades.csv"))).hasSize((int) trades + 1);
        assertThat(Files.readString(out.resolve("report.html"))).contains("<svg").contains("Monthly returns");
        try (Database d = Database.open(db); Connection c = d.connection();
             ResultSet rs = c.createStatement().executeQuery("SELECT status, progress, report_path, seed FROM backtest_runs")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("done");
            assertThat(rs.getDouble(2)).isEqualTo(1.0);
            assertThat(rs.getString(3)).endsWith("report.html");
            assertThat(rs.getLong(4)).isEqualTo(42);
        }
    }

    @Test
    void tooLittleHistoryIsAClearError() {
        String db = "sqlite:" + dir.resolve("fxd.db");
        assertThat(Cli.run("data", "synth", "--db", db, "--days", "10").code()).isZero();
        assertThat(Cli.run("data", "resample", "--db", db, "--symbol", "EURUSD", "--to", "H1").code()).isZero();
        Cli r = Cli.run("backtest", "--db", db, "--symbol", "EURUSD", "--timeframe", "H1", "--from", "2023-01-05",
                "--horizons", "60", "--out", dir.resolve("bt").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("need 5000");
    }
}
