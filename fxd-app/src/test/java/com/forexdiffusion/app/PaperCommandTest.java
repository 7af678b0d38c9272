package com.forexdiffusion.app;

import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.web.settings.Ldm4tsSettings;
import com.forexdiffusion.web.settings.SettingsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** fxd paper: a session stopped halfway and resumed trades exactly like one that ran straight through. */
class PaperCommandTest {
    @TempDir
    Path dir;

    private String market(String name) {
        String db = "sqlite:" + dir.resolve(name + ".db");
        assertThat(Cli.run("data", "synth", "--db", db, "--days", "60", "--seed", "6").code()).isZero();
        assertThat(Cli.run("data", "resample", "--db", db, "--symbol", "EURUSD", "--to", "H1").code()).isZero();
        return db;
    }

    private static List<String> positions(String db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Database d = Database.open(db); Connection c = d.connection(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT side, lots, entry_price, stop_price, target_price, opened_at, closed_at, "
                        + "close_price, close_reason, realized_pnl, swap, commission, status FROM trading_positions "
                        + "ORDER BY opened_at")) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int k = 1; k <= 13; k++) {
                    row.append(rs.getString(k)).append('|');
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    private static long count(String db, String sql) throws Exception {
        try (Database d = Database.open(db); Connection c = d.connection(); ResultSet rs = c.createStatement()
                .executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aStoppedSessionResumesAndTradesLikeAnUninterruptedOne() throws Exception {
        String[] common = {"--symbol", "EURUSD", "--timeframe", "H1", "--account", "p", "--train-bars", "600",
                "--horizons", "60,240", "--samples", "20", "--forecaster", "dlinear", "--config", noGate()};
        String straight = market("straight");
        Cli s = Cli.run(concat(new String[]{"paper", "--db", straight, "--from", "2023-02-07"}, common));
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(s.out()).contains("starting session p").contains("calibration aci");
        assertThat(s.out()).contains("EURUSD skill gate off");

        String split = market("split");
        Cli first = Cli.run(concat(new String[]{"paper", "--db", split, "--from", "2023-02-07", "--to", "2023-02-22"},
                common));
        assertThat(first.code()).as(first.err()).isZero();
        Cli second = Cli.run(concat(new String[]{"paper", "--db", split}, common));
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).contains("resuming session p").contains("last bar done 2023-02-21T23:00");
        // The session keeps the calibration it started with (the default ACI), whatever a resume asks for.
        try (Database d = Database.open(split); Connection c = d.connection(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT config_json FROM paper_sessions WHERE account_id = 'p'")) {
            assertThat(rs.next()).isTrue();
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(rs.getString(1)).get("calibration")
                    .asText()).isEqualTo("aci");
        }

        List<String> a = positions(straight);
        assertThat(a.size()).isGreaterThan(5);
        assertThat(positions(split)).isEqualTo(a);
        // Every forecast went to the prediction log; those whose target bar closed by the last bar are resolved.
        long logged = count(straight, "SELECT COUNT(*) FROM ldm4ts_predictions");
        assertThat(logged).isPositive().isEqualTo(count(split, "SELECT COUNT(*) FROM ldm4ts_predictions"));
        assertThat(count(straight, "SELECT COUNT(*) FROM ldm4ts_predictions WHERE actual_price IS NOT NULL"))
                .isPositive().isLessThan(logged);
        assertThat(count(split, "SELECT COUNT(*) FROM ldm4ts_inference_metrics")).isPositive();

        // Nothing more to do: a third run processes no bar and changes nothing.
        Cli third = Cli.run(concat(new String[]{"paper", "--db", split, "--calibration", "none"}, common));
        assertThat(third.code()).as(third.err()).isZero();
        assertThat(third.out()).contains("0 bars processed").contains("calibration aci");
        assertThat(positions(split)).isEqualTo(a);

        Cli wrong = Cli.run("paper", "--db", split, "--symbol", "EURUSD", "--timeframe", "M15", "--account", "p");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).contains("trades EURUSD H1");
        Cli fresh = Cli.run("paper", "--db", split, "--symbol", "EURUSD", "--timeframe", "H1", "--account", "new");
        assertThat(fresh.code()).isEqualTo(1);
        assertThat(fresh.err()).contains("--from").contains("does not exist");
    }

    private static List<String> positions(String db, String account) throws Exception {
        List<String> out = new ArrayList<>();
        try (Database d = Database.open(db); Connection c = d.readConnection(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT opened_at, side, lots FROM trading_positions WHERE account_id = '" + account
                        + "' ORDER BY opened_at, position_id")) {
            while (rs.next()) {
                out.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getDouble(3));
            }
        }
        return out;
    }

    /** Runs a fresh session named {@code account} under the dashboard's settings {@code s}. */
    private List<String> sessionUnder(String db, String account, Ldm4tsSettings s) throws Exception {
        try (Database d = Database.open(db)) {
            new SettingsStore(d).save(s, System.currentTimeMillis());
        }
        Cli r = Cli.run("paper", "--db", db, "--symbol", "EURUSD", "--timeframe", "H1", "--account", account,
                "--train-bars", "600", "--horizons", "60,240", "--samples", "20", "--forecaster", "dlinear",
                "--from", "2023-02-07", "--to", "2023-02-21", "--live-settings", "--config", noGate());
        assertThat(r.code()).as(r.err()).isZero();
        return positions(db, account);
    }

    private static Ldm4tsSettings with(double confidence, boolean scaling, Map<Integer, Double> weights) {
        Ldm4tsSettings d = Ldm4tsSettings.defaults();
        return new Ldm4tsSettings(d.enabled(), d.checkpoint(), d.horizons(), d.mcSamples(), d.window(),
                d.uncertaintyThreshold(), d.minStrength(), scaling, weights, d.minQuality(), confidence);
    }

    @Test
    void theDashboardsTradingSettingsChangeTheSessionsDecisions() throws Exception {
        String db = market("settings");
        Map<Integer, Double> equal = Map.of(15, 1.0 / 3, 60, 1.0 / 3, 240, 1.0 / 3);
        List<String> base = sessionUnder(db, "base", with(0.5, true, equal));
        assertThat(base.size()).as("the base session trades").isGreaterThan(2);
        // Directional confidence: only signals the forecast is 90 % sure of trade.
        List<String> sure = sessionUnder(db, "sure", with(0.9, true, equal));
        assertThat(sure.size()).isLessThan(base.size());
        // Position scaling off: no (1 − u / T) factor, so the same first trade is larger.
        List<String> flat = sessionUnder(db, "flat", with(0.5, false, equal));
        assertThat(flat.get(0).split("\\|")[0]).isEqualTo(base.get(0).split("\\|")[0]);
        assertThat(Double.parseDouble(flat.get(0).split("\\|")[2]))
                .isGreaterThan(Double.parseDouble(base.get(0).split("\\|")[2]));
        // Horizon weights: a 1h weight of 0 leaves the 1h signals no strength, so the trades change.
        List<String> longOnly = sessionUnder(db, "long", with(0.5, true, Map.of(15, 0.0, 60, 0.0, 240, 1.0)));
        assertThat(longOnly).isNotEqualTo(base);
        // Uncertainty threshold T of the sizer: at 0.001 % every forecast has u >= T, so no order is sized.
        Ldm4tsSettings tight = with(0.5, true, equal);
        tight = new Ldm4tsSettings(tight.enabled(), tight.checkpoint(), tight.horizons(), tight.mcSamples(),
                tight.window(), 0.001, tight.minStrength(), tight.positionScaling(), tight.horizonWeights(),
                tight.minQuality(), tight.directionalConfidence());
        assertThat(sessionUnder(db, "tight", tight)).isEmpty();
    }

    private String fourSymbols(String name) {
        String db = "sqlite:" + dir.resolve(name + ".db");
        String[] syms = {"EURUSD", "GBPUSD", "USDJPY", "EURGBP"};
        for (int k = 0; k < syms.length; k++) {
            assertThat(Cli.run("data", "synth", "--db", db, "--symbol", syms[k], "--days", "40", "--seed",
                    String.valueOf(20 + k)).code()).isZero();
            assertThat(Cli.run("data", "resample", "--db", db, "--symbol", syms[k], "--to", "H1").code()).isZero();
        }
        return db;
    }

    @Test
    void aSessionOfFourSymbolsResumesLikeAnUninterruptedOne() throws Exception {
        String[] common = {"--symbols", "EURUSD,GBPUSD,USDJPY,EURGBP", "--timeframe", "H1", "--session", "pf",
                "--train-bars", "300", "--horizons", "60,240", "--samples", "20", "--forecaster", "dlinear",
                "--config", noGate()};
        String straight = fourSymbols("straight4");
        Cli s = Cli.run(concat(new String[]{"paper", "--db", straight, "--from", "2023-01-23"}, common));
        assertThat(s.code()).as(s.err()).isZero();
        String split = fourSymbols("split4");
        assertThat(Cli.run(concat(new String[]{"paper", "--db", split, "--from", "2023-01-23", "--to",
                "2023-02-01T13:00"}, common)).code()).isZero();
        Cli second = Cli.run(concat(new String[]{"paper", "--db", split}, common));
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).contains("resuming session pf");
        List<String> a = positions(straight);
        assertThat(a.size()).isGreaterThan(3);
        assertThat(positions(split)).isEqualTo(a);
        assertThat(count(straight, "SELECT COUNT(DISTINCT symbol) FROM trading_positions")).isGreaterThan(1);
        Cli broke = Cli.run(concat(new String[]{"paper", "--db", split, "--deposit", "-5"}, common));
        assertThat(broke.code()).isEqualTo(2);
        assertThat(broke.err()).contains("--deposit must be a positive amount");
    }

    /**
     * These tests are about sessions, resumption and the dashboard's settings; DLinear has no skill on the synthetic
     * walk, so the skill gate is off (its own tests are in fxd-trading's SkillGateTradingTest).
     */
    private String noGate() throws java.io.IOException {
        return BacktestCommandTest.noGate(dir).toString();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
