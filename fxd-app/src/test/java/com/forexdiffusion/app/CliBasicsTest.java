package com.forexdiffusion.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CliBasicsTest {
    @TempDir
    Path dir;

    @Test
    void helpListsTheCommandsAndExitsZero() {
        Cli r = Cli.run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("data").contains("demo").contains("bench");
    }

    @Test
    void versionPrintsTheCodeVersionAndExitsZero() {
        Cli r = Cli.run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out().strip()).isEqualTo("fxd " + CodeVersion.current())
                .matches("fxd \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?(\\+\\S+)?");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Cli r = Cli.run("data", "info", "--no-such-option");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--no-such-option");
    }

    @Test
    void aBadDatabaseUrlFailsWithExitOneAndNamesTheUrl() {
        Cli r = Cli.run("data", "info", "--db", "mysql://nowhere/x");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("mysql://nowhere/x");
        assertThat(r.err()).doesNotContain("at com.");
    }

    @Test
    void infoOnAnEmptyDatabasePrintsAnEmptyJsonArray() {
        com.forexdiffusion.data.store.Database.open("sqlite:" + dir.resolve("e.db")).close();
        Cli r = Cli.run("data", "info", "--json", "--db", "sqlite:" + dir.resolve("e.db"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().replaceAll("\\s", "")).isEqualTo("[]");
    }

    @Test
    void aBadTimeIsAnErrorNamingTheOption() {
        Cli r = Cli.run("data", "export", "--db", "sqlite:" + dir.resolve("e.db"), "--symbol", "EURUSD",
                "--timeframe", "M1", "--from", "yesterday", "--out", dir.resolve("x.csv").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--from").contains("'yesterday'");
    }
}
