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
        assertThat(Files.readString(out.resolve("report.html"))).contains("<svg").contains("Monthly returns")
                .contains("Calibration and uncertainty").contains("calibration aci at 90%");
        calibrationFigures(m, trades);
        skillGateFigures(m, r.out(), Files.readString(out.resolve("report.html")));
        try (Database d = Database.open(db); Connection c = d.connection();
             ResultSet rs = c.createStatement().executeQuery("SELECT status, progress, report_path, seed, config_json "
                     + "FROM backtest_runs")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("done");
            assertThat(rs.getDouble(2)).isEqualTo(1.0);
            assertThat(rs.getString(3)).endsWith("report.html");
            assertThat(rs.getLong(4)).isEqualTo(42);
            JsonNode cfg = new ObjectMapper().readTree(rs.getString(5));
            assertThat(cfg.get("calibration").get("mode").asText()).isEqualTo("aci");
            assertThat(cfg.get("skill_gate").get("enabled").asBoolean()).isTrue();
        }
        // The synthetic M1 bars are stored, so one-bar stop/target ambiguities are resolved from them.
        assertThat(Files.readString(out.resolve("report.html"))).contains("ordered by").contains("stored M1 bars");

        // The same run again: every forecast comes from the cache, and the trades are the same.
        Path again = dir.resolve("bt2");
        Cli r2 = Cli.run("backtest", "--db", db, "--symbol", "EURUSD", "--timeframe", "H1", "--from", "2023-04-03",
                "--forecaster", "dlinear", "--train-bars", "1500", "--horizons", "60,240", "--out", again.toString());
        assertThat(r2.code()).as(r2.err()).isZero();
        JsonNode m2 = new ObjectMapper().readTree(Files.readString(again.resolve("metrics.json")));
        assertThat(m.get("cached_forecasts").asLong()).isZero();
        assertThat(m2.get("cached_forecasts").asLong()).isEqualTo(m.get("forecasts").asLong()).isPositive();
        assertThat(lines(again.resolve("trades.csv"))).isEqualTo(lines(out.resolve("trades.csv")));
    }

    /**
     * The skill gate is on by default: metrics.json says its setting, its state at the end and what it stood aside
     * on; the output and the report say it in words.
     */
    private static void skillGateFigures(JsonNode m, String out, String html) {
        JsonNode g = m.get("skill_gate");
        assertThat(g.get("enabled").asBoolean()).isTrue();
        assertThat(g.get("horizon_minutes").asInt()).isEqualTo(60);
        assertThat(g.get("window").asInt()).isEqualTo(500);
        assertThat(g.get("require").asText()).isEqualTo("both");
        JsonNode e = g.get("by_symbol").get("EURUSD");
        assertThat(e.get("state").asText()).isEqualTo(g.get("state").asText()).isIn("open", "no skill", "warming up");
        assertThat(e.get("resolved_forecasts").asInt()).isEqualTo(500);
        assertThat(e.get("crps_ratio").asDouble()).isPositive();
        assertThat(e.get("signals_stood_aside").asLong()).isEqualTo(g.get("signals_stood_aside").asLong())
                .isLessThanOrEqualTo(e.get("signals").asLong());
        assertThat(e.get("bars_gated").asLong()).isEqualTo(e.get("bars_warming_up").asLong()
                + e.get("bars_no_skill").asLong()).isPositive();
        assertThat(out).contains("skill gate (60 min, latest 500 resolved forecasts): stood aside on "
                + e.get("signals_stood_aside").asLong() + " of " + e.get("signals").asLong() + " signals");
        assertThat(html).contains("<h2>Skill gate</h2>").contains(e.get("reason").asText().replace(">", "&gt;")
                .replace("<", "&lt;"));
    }

    /** The calibration and uncertainty block of metrics.json: the default ACI, its coverage and what u changed. */
    private static void calibrationFigures(JsonNode m, long trades) {
        JsonNode cal = m.get("calibration");
        assertThat(cal.get("mode").asText()).isEqualTo("aci");
        assertThat(cal.get("alpha").asDouble()).isEqualTo(0.1);
        assertThat(cal.get("withheld_forecasts").asLong()).isPositive();
        for (String h : new String[]{"60", "240"}) {
            JsonNode c = cal.get("by_horizon").get(h);
            assertThat(c.get("resolved").asLong()).as(h).isGreaterThan(500);
            // ACI over about a thousand outcomes: within 5 points of 90%.
            assertThat(c.get("coverage").asDouble()).as(h).isCloseTo(0.9, org.assertj.core.data.Offset.offset(0.05));
        }
        JsonNode u = m.get("uncertainty");
        assertThat(u.get("signals").asLong()).isPositive();
        assertThat(u.get("u_pct_p10").asDouble()).isPositive().isLessThanOrEqualTo(u.get("u_pct_p50").asDouble());
        assertThat(u.get("u_pct_p50").asDouble()).isLessThanOrEqualTo(u.get("u_pct_p90").asDouble());
        assertThat(u.get("penalty_rejected").asLong()).isLessThanOrEqualTo(u.get("penalty_applied").asLong());
        assertThat(u.get("penalty_applied").asLong()).isLessThanOrEqualTo(u.get("signals").asLong());
        assertThat(u.get("sizing_reduced").asLong() + u.get("sizing_rejected").asLong())
                .isLessThanOrEqualTo(u.get("sized").asLong());
        // Every trade was sized first.
        assertThat(u.get("sized").asLong()).isGreaterThanOrEqualTo(trades);
    }

    @Test
    void anUnknownCalibrationIsAUsageErrorNamingTheOption() {
        String db = "sqlite:" + dir.resolve("fxd.db");
        for (String[] args : new String[][]{
                {"backtest", "--db", db, "--symbol", "EURUSD", "--timeframe", "H1", "--from", "2023-01-05",
                        "--calibration", "bogus", "--out", dir.resolve("x").toString()},
                {"paper", "--db", db, "--symbol", "EURUSD", "--timeframe", "H1", "--from", "2023-01-05",
                        "--calibration", "bogus"}}) {
            Cli r = Cli.run(args);
            assertThat(r.code()).as(args[0]).isEqualTo(2);
            assertThat(r.err()).as(args[0]).contains("--calibration").contains("'bogus'")
                    .contains("aci, split, none").doesNotContain("Exception").doesNotContain("\tat ");
        }
        Cli help = Cli.run("backtest", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--calibration=aci|split|none").containsPattern("\\(default:\\s+aci\\)");
    }

    /** A strategy config that switches the skill gate off, for tests of other parts with a forecaster without skill. */
    static Path noGate(Path dir) throws java.io.IOException {
        return Files.writeString(dir.resolve("no-gate.json"), "{\"skill_gate\": {\"enabled\": false}}");
    }

    /** The trade rows without the position ids, which carry the run id. */
    private static java.util.List<String> lines(Path csv) throws java.io.IOException {
        return Files.readAllLines(csv).stream().map(l -> l.substring(l.indexOf(',') + 1)).toList();
    }

    @Test
    void walkForwardRefitsPerFoldAndNeverOnLaterBars() throws Exception {
        String db = "sqlite:" + dir.resolve("fxd.db");
        assertThat(Cli.run("data", "synth", "--db", db, "--days", "120", "--seed", "3").code()).isZero();
        assertThat(Cli.run("data", "resample", "--db", db, "--symbol", "EURUSD", "--to", "H1").code()).isZero();
        Path out = dir.resolve("wf");
        Cli r = Cli.run("backtest", "--db", db, "--symbol", "EURUSD", "--timeframe", "H1", "--from", "2023-03-06",
                "--forecaster", "rw-garch", "--train-bars", "1000", "--refit-every", "240", "--horizons", "60,240",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("\\d+ fold\\(s\\)");
        try (Database d = Database.open(db); Connection c = d.connection();
             ResultSet rs = c.createStatement().executeQuery("SELECT config_json FROM backtest_runs")) {
            assertThat(rs.next()).isTrue();
            JsonNode cfg = new ObjectMapper().readTree(rs.getString(1));
            assertThat(cfg.get("refit_every").asInt()).isEqualTo(240);
            assertThat(cfg.get("folds").asInt()).isGreaterThan(3);
            // One GARCH fit per fold: as many model versions in the cache as folds.
            ResultSet v = c.createStatement().executeQuery("SELECT COUNT(DISTINCT model_version) FROM forecast_cache");
            v.next();
            assertThat(v.getInt(1)).isEqualTo(cfg.get("folds").asInt());
        }
        Cli bad = Cli.run("backtest", "--db", db, "--symbol", "EURUSD", "--timeframe", "H1", "--from", "2023-03-06",
                "--refit-every", "-5", "--horizons", "60", "--out", dir.resolve("x").toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("refit-every");
    }

    @Test
    void severalSymbolsRefitPerSymbolAndFold() throws Exception {
        String db = "sqlite:" + dir.resolve("fxd.db");
        for (String s : new String[]{"EURUSD", "GBPUSD"}) {
            assertThat(Cli.run("data", "synth", "--db", db, "--symbol", s, "--days", "60", "--seed",
                    String.valueOf(s.length() + s.charAt(0))).code()).isZero();
            assertThat(Cli.run("data", "resample", "--db", db, "--symbol", s, "--to", "H1").code()).isZero();
        }
        String[] common = {"backtest", "--db", db, "--symbols", "EURUSD,GBPUSD", "--timeframe", "H1", "--forecaster",
                "dlinear", "--train-bars", "300", "--horizons", "60,240", "--config", noGate(dir).toString()};
        Cli once = Cli.run(concat(common, "--out", dir.resolve("once").toString()));
        assertThat(once.code()).as(once.err()).isZero();
        assertThat(once.out()).contains("{EURUSD=1, GBPUSD=1} fold(s)");
        Cli refit = Cli.run(concat(common, "--refit-every", "120", "--out", dir.resolve("refit").toString()));
        assertThat(refit.code()).as(refit.err()).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{EURUSD=(\\d+), GBPUSD=(\\d+)} fold")
                .matcher(refit.out());
        assertThat(m.find()).as(refit.out()).isTrue();
        int folds = Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2));
        // About 730 decision bars a symbol in folds of 120.
        assertThat(Integer.parseInt(m.group(1))).isBetween(6, 7);
        // Every fold's fit forecasts under its own version (the first fold's fit is the single run's, on the same
        // bars), and the refits change what was traded.
        try (Database d = Database.open(db); Connection c = d.connection(); ResultSet v = c.createStatement()
                .executeQuery("SELECT COUNT(DISTINCT model_version) FROM forecast_cache")) {
            v.next();
            assertThat(v.getInt(1)).isEqualTo(folds);
        }
        assertThat(lines(dir.resolve("refit/trades.csv"))).isNotEqualTo(lines(dir.resolve("once/trades.csv")));
        assertThat(Files.readString(dir.resolve("refit/report.html"))).contains("refitted on the 300 bars before each "
                + "fold of 120 bars");
    }

    /**
     * The forecasts made as Spark tasks on local[2] (pieces of both symbols' folds, into a database of their own)
     * trade exactly like those made in one process: the same trades, the same figures, the same cache rows.
     */
    @Test
    void severalSymbolsWithForecastsMadeOnSparkLocalTradeAsInOneProcess() throws Exception {
        String local = "sqlite:" + dir.resolve("local.db");
        String spark = "sqlite:" + dir.resolve("spark.db");
        for (String db : new String[]{local, spark}) {
            for (String s : new String[]{"EURUSD", "GBPUSD"}) {
                assertThat(Cli.run("data", "synth", "--db", db, "--symbol", s, "--days", "60", "--seed",
                        String.valueOf(s.length() + s.charAt(0))).code()).isZero();
                assertThat(Cli.run("data", "resample", "--db", db, "--symbol", s, "--to", "H1").code()).isZero();
            }
        }
        String[] common = {"backtest", "--symbols", "EURUSD,GBPUSD", "--timeframe", "H1", "--forecaster", "dlinear",
                "--train-bars", "300", "--refit-every", "240", "--horizons", "60,240", "--config",
                noGate(dir).toString()};
        Cli a = Cli.run(concat(common, "--db", local, "--out", dir.resolve("local").toString()));
        assertThat(a.code()).as(a.err()).isZero();
        Cli b = Cli.run(concat(common, "--db", spark, "--cluster", "local[2]", "--out", dir.resolve("spark").toString()));
        assertThat(b.code()).as(b.err()).isZero();
        long cached = cacheRows(local);
        assertThat(cached).isPositive();
        assertThat(cacheRows(spark)).isEqualTo(cached);
        assertThat(b.out()).contains(cached + " forecasts made on local[2]");
        assertThat(lines(dir.resolve("spark/trades.csv"))).isEqualTo(lines(dir.resolve("local/trades.csv")))
                .hasSizeGreaterThan(1);
        JsonNode ma = new ObjectMapper().readTree(Files.readString(dir.resolve("local/metrics.json")));
        JsonNode mb = new ObjectMapper().readTree(Files.readString(dir.resolve("spark/metrics.json")));
        for (String k : new String[]{"trades", "total_return", "sharpe", "max_drawdown", "by_symbol", "calibration"}) {
            assertThat(mb.get(k)).as(k).isEqualTo(ma.get(k));
        }
        Cli noCache = Cli.run(concat(common, "--db", spark, "--cluster", "local[2]", "--no-cache", "--out",
                dir.resolve("x").toString()));
        assertThat(noCache.code()).isEqualTo(1);
        assertThat(noCache.err()).contains("'cluster'").contains("--no-cache");
    }

    private static long cacheRows(String db) throws Exception {
        try (Database d = Database.open(db); Connection c = d.connection(); ResultSet v = c.createStatement()
                .executeQuery("SELECT COUNT(*) FROM forecast_cache")) {
            v.next();
            return v.getLong(1);
        }
    }

    /**
     * Spreads stored with the bars (3 pips on every H1 bar here, against the model's 0.8) are what the fills cross:
     * the same run costs more per trade, and the report and the run record say where the spreads came from.
     */
    @Test
    void storedSpreadsAreWhatTheFillsCross() throws Exception {
        String db = "sqlite:" + dir.resolve("fxd.db");
        assertThat(Cli.run("data", "synth", "--db", db, "--days", "60", "--seed", "5").code()).isZero();
        assertThat(Cli.run("data", "resample", "--db", db, "--symbol", "EURUSD", "--to", "H1").code()).isZero();
        String[] common = {"backtest", "--db", db, "--symbol", "EURUSD", "--timeframe", "H1", "--forecaster", "dlinear",
                "--train-bars", "300", "--horizons", "60,240", "--config", noGate(dir).toString()};
        Cli model = Cli.run(concat(common, "--out", dir.resolve("model").toString()));
        assertThat(model.code()).as(model.err()).isZero();
        long bars;
        try (Database d = Database.open(db); Connection c = d.connection()) {
            bars = c.createStatement().executeUpdate("UPDATE candles SET spread = 0.0003 WHERE symbol = 'EURUSD' "
                    + "AND timeframe = 'H1'");
        }
        Cli stored = Cli.run(concat(common, "--out", dir.resolve("stored").toString()));
        assertThat(stored.code()).as(stored.err()).isZero();
        JsonNode a = new ObjectMapper().readTree(Files.readString(dir.resolve("model/metrics.json")));
        JsonNode b = new ObjectMapper().readTree(Files.readString(dir.resolve("stored/metrics.json")));
        assertThat(a.get("trades").asLong()).isPositive();
        assertThat(b.get("trades").asLong()).isPositive();
        double perTradeModel = a.get("spread_cost").asDouble() / a.get("trades").asLong();
        double perTradeStored = b.get("spread_cost").asDouble() / b.get("trades").asLong();
        // Longs pay the spread on entry, shorts on exit, both the slippage twice: (3 + 0.2) against (0.8 + 0.2) pips.
        assertThat(perTradeStored / perTradeModel).isBetween(2.5, 4.0);
        assertThat(Files.readString(dir.resolve("model/report.html"))).contains("spread 0.8 pips (no bar states its own)");
        assertThat(Files.readString(dir.resolve("stored/report.html"))).contains("stored bars that state one");
        try (Database d = Database.open(db); Connection c = d.connection(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT config_json FROM backtest_runs ORDER BY started_at")) {
            assertThat(rs.next()).isTrue();
            assertThat(new ObjectMapper().readTree(rs.getString(1)).get("spread_bars").asLong()).isZero();
            assertThat(rs.next()).isTrue();
            assertThat(new ObjectMapper().readTree(rs.getString(1)).get("spread_bars").asLong()).isPositive()
                    .isLessThanOrEqualTo(bars);
        }
    }

    /** The config file's calibration key sets what --calibration sets: none trades on raw quantiles from the start. */
    @Test
    void theConfigFilesCalibrationKeyChangesHowSignalsAreCalibrated() throws Exception {
        String db = "sqlite:" + dir.resolve("fxd.db");
        assertThat(Cli.run("data", "synth", "--db", db, "--days", "60", "--seed", "5").code()).isZero();
        assertThat(Cli.run("data", "resample", "--db", db, "--symbol", "EURUSD", "--to", "H1").code()).isZero();
        Path raw = Files.writeString(dir.resolve("raw.json"), "{\"skill_gate\": {\"enabled\": false}, "
                + "\"calibration\": {\"mode\": \"none\"}}");
        String[] common = {"backtest", "--db", db, "--symbol", "EURUSD", "--timeframe", "H1", "--forecaster", "dlinear",
                "--train-bars", "300", "--horizons", "60,240"};
        Cli aci = Cli.run(concat(common, "--config", noGate(dir).toString(), "--out", dir.resolve("aci").toString()));
        assertThat(aci.code()).as(aci.err()).isZero();
        Cli none = Cli.run(concat(common, "--config", raw.toString(), "--out", dir.resolve("none").toString()));
        assertThat(none.code()).as(none.err()).isZero();
        JsonNode a = new ObjectMapper().readTree(Files.readString(dir.resolve("aci/metrics.json"))).get("calibration");
        JsonNode n = new ObjectMapper().readTree(Files.readString(dir.resolve("none/metrics.json"))).get("calibration");
        assertThat(a.get("mode").asText()).isEqualTo("aci");
        assertThat(a.get("withheld_forecasts").asLong()).isPositive();
        assertThat(n.get("mode").asText()).isEqualTo("none");
        assertThat(n.get("withheld_forecasts").asLong()).isZero();
        assertThat(Files.readString(dir.resolve("none/report.html"))).contains("calibration none");
    }

    private static String[] concat(String[] a, String... b) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b))
                .toArray(String[]::new);
    }

    @Test
    void tooFewTrainingBarsIsAUsageErrorNamingTheOption() {
        String db = "sqlite:" + dir.resolve("fxd.db");
        assertThat(Cli.run("data", "synth", "--db", db, "--days", "24").code()).isZero();
        assertThat(Cli.run("data", "resample", "--db", db, "--symbol", "EURUSD", "--to", "H1").code()).isZero();
        // 30 bars: GARCH alone failed with an IllegalArgumentException and its trace; 219 is one below the regime
        // model's 200 rows after its 20-bar window.
        for (String n : new String[]{"30", "219"}) {
            for (String symbols : new String[]{"--symbol=EURUSD", "--symbols=EURUSD,GBPUSD"}) {
                Cli r = Cli.run("backtest", "--db", db, symbols, "--timeframe", "H1", "--train-bars", n,
                        "--horizons", "60", "--out", dir.resolve("bt").toString());
                assertThat(r.code()).as(n + " " + symbols + ": " + r.err()).isEqualTo(2);
                assertThat(r.err()).contains("--train-bars must be at least 220").contains("got " + n)
                        .doesNotContain("Exception").doesNotContain("\tat ");
            }
        }
        Cli ok = Cli.run("backtest", "--db", db, "--symbol", "EURUSD", "--timeframe", "H1", "--train-bars", "220",
                "--horizons", "60", "--out", dir.resolve("bt").toString());
        assertThat(ok.code()).as(ok.err()).isZero();
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

    @Test
    void anOutThatIsAFileOrADepositBelowZeroIsRefusedAndNoRunStaysRunning() throws Exception {
        String db = "sqlite:" + dir.resolve("fxd.db");
        assertThat(Cli.run("data", "synth", "--db", db, "--days", "24").code()).isZero();
        assertThat(Cli.run("data", "resample", "--db", db, "--symbol", "EURUSD", "--to", "H1").code()).isZero();
        Path file = Files.writeString(dir.resolve("taken.txt"), "not a directory");
        Cli r = Cli.run("backtest", "--db", db, "--symbol", "EURUSD", "--timeframe", "H1", "--from", "2023-01-20",
                "--train-bars", "250", "--horizons", "60", "--out", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("out").contains("taken.txt is an existing file").doesNotContain("\tat ");
        // Below an existing file the directory cannot be made: the run row records the failure.
        Cli below = Cli.run("backtest", "--db", db, "--symbol", "EURUSD", "--timeframe", "H1", "--from", "2023-01-20",
                "--train-bars", "250", "--horizons", "60", "--out", file.resolve("bt").toString());
        assertThat(below.code()).isEqualTo(1);
        assertThat(below.err()).contains("cannot create the directory").doesNotContain("\tat ");
        Cli broke = Cli.run("backtest", "--db", db, "--symbol", "EURUSD", "--timeframe", "H1", "--from", "2023-01-20",
                "--deposit", "0", "--horizons", "60", "--out", dir.resolve("bt").toString());
        assertThat(broke.code()).as(broke.err()).isEqualTo(2);
        assertThat(broke.err()).contains("--deposit must be a positive amount");
        try (Database d = Database.open(db); Connection c = d.connection(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT status FROM backtest_runs")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("failed");
            assertThat(rs.next()).as("one run row only, none left running").isFalse();
        }
    }

    @Test
    void fourSymbolsTradeOnOneAccountWithFiguresPerSymbol() throws Exception {
        String db = "sqlite:" + dir.resolve("fxd.db");
        String[] syms = {"EURUSD", "GBPUSD", "USDJPY", "EURGBP"};
        for (int k = 0; k < syms.length; k++) {
            assertThat(Cli.run("data", "synth", "--db", db, "--symbol", syms[k], "--days", "40", "--seed",
                    String.valueOf(10 + k)).code()).isZero();
            assertThat(Cli.run("data", "resample", "--db", db, "--symbol", syms[k], "--to", "H1").code()).isZero();
        }
        Path out = dir.resolve("pf");
        // No --from: trading starts at the first bar after the training bars. DLinear has no skill on the synthetic
        // walk, and this test is about the figures per symbol: the skill gate off.
        Cli r = Cli.run("backtest", "--db", db, "--symbols", String.join(",", syms), "--timeframe", "H1",
                "--forecaster", "dlinear", "--train-bars", "300", "--horizons", "60,240", "--out", out.toString(),
                "--config", noGate(dir).toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode m = new ObjectMapper().readTree(Files.readString(out.resolve("metrics.json")));
        assertThat(m.get("symbols").toString()).isEqualTo("[\"EURUSD\",\"GBPUSD\",\"USDJPY\",\"EURGBP\"]");
        long sum = 0;
        for (String s : syms) {
            assertThat(m.get("by_symbol").has(s)).as(s).isTrue();
            sum += m.get("by_symbol").get(s).get("trades").asLong();
        }
        assertThat(sum).isEqualTo(m.get("trades").asLong()).isPositive();
        assertThat(m.get("skill_gate").get("state").asText()).isEqualTo("off");
        assertThat(m.get("skill_gate").get("by_symbol").size()).isEqualTo(4);
        assertThat(Files.readAllLines(out.resolve("trades.csv"))).hasSize((int) sum + 1);
        Cli both = Cli.run("backtest", "--db", db, "--symbol", "EURUSD", "--symbols", "GBPUSD", "--timeframe", "H1",
                "--horizons", "60", "--out", dir.resolve("x").toString());
        assertThat(both.code()).isEqualTo(2);
    }
}
