package com.forexdiffusion.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user sees in a fresh process: no library chatter by default (Flyway migrating a new database says nothing),
 * and --verbose or FXD_LOG=debug bring it back; --version names the code version with the launcher's commit.
 */
class CliProcessTest {
    @TempDir
    Path dir;

    private FxdProcess synth(Map<String, String> env, String db, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(extra));
        args.addAll(List.of("data", "synth", "--days", "1", "--db", "sqlite:" + dir.resolve(db)));
        FxdProcess r = FxdProcess.run(env, List.of(), args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("stored 1440 SYNTHETIC EURUSD M1 bars");
        return r;
    }

    @Test
    void aFreshDatabaseIsMigratedSilentlyUnlessVerboseOrFxdLogAsks() throws Exception {
        FxdProcess quiet = synth(Map.of(), "quiet.db");
        assertThat(quiet.all()).doesNotContain("Successfully applied").doesNotContain("Current version of schema")
                .doesNotContain("Successfully validated").doesNotContain(" INFO ").doesNotContain(" WARN ");

        FxdProcess verbose = synth(Map.of(), "verbose.db", "--verbose");
        assertThat(verbose.err()).contains("Successfully applied").contains(" INFO ").doesNotContain(" DEBUG ");

        // The global option is also accepted after the subcommand.
        FxdProcess after = FxdProcess.run(Map.of(), List.of(), "data", "synth", "--days", "1", "--db",
                "sqlite:" + dir.resolve("after.db"), "--verbose");
        assertThat(after.code()).as(after.err()).isZero();
        assertThat(after.err()).contains("Successfully applied");

        FxdProcess debug = synth(Map.of("FXD_LOG", "debug"), "debug.db");
        assertThat(debug.err()).contains("Successfully applied").contains(" DEBUG ");
    }

    @Test
    void aBadFxdLogIsAUsageErrorNamingTheVariable() throws Exception {
        FxdProcess r = FxdProcess.run(Map.of("FXD_LOG", "loud"), List.of(), "data", "info");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("FXD_LOG").contains("'loud'").contains("debug").doesNotContain("\tat ");
    }

    /** FXD_DB may carry a password and FXD_TOKEN is one: the help shows where a default comes from, not its value. */
    @Test
    void helpNeverPrintsTheSecretsOfTheEnvironment() throws Exception {
        FxdProcess r = FxdProcess.run(Map.of("FXD_DB", "jdbc:postgresql://127.0.0.1/fxd?user=u&password=pw-s3cret",
                "FXD_TOKEN", "tok-s3cret"), List.of(), "serve", "--help");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("--db").contains("FXD_DB when set").contains("--token");
        assertThat(r.all()).doesNotContain("s3cret");
    }

    @Test
    void versionNamesTheMavenVersionAndTheLaunchersCommit() throws Exception {
        FxdProcess r = FxdProcess.run(Map.of(), List.of("-Dfxd.commit=abc1234-dirty"), "--version");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).matches("fxd \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\+abc1234-dirty");
        assertThat(r.err()).isEmpty();
    }
}
