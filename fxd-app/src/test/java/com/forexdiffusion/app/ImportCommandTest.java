package com.forexdiffusion.app;

import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The import command end to end on real files and a real SQLite database: errors leave the database as it was. */
class ImportCommandTest {
    @TempDir
    Path dir;
    String db;
    Path good;

    static final String GOOD = """
            20170102 020000;1.052180;1.052290;1.052130;1.052260;0
            20170102 020100;1.052260;1.052300;1.052200;1.052210;0
            20170102 020200;1.052210;1.052250;1.052100;1.052150;0
            """;

    @BeforeEach
    void setUp() throws Exception {
        db = "sqlite:" + dir.resolve("fxd.db");
        good = dir.resolve("DAT_ASCII_EURUSD_M1_201701.csv");
        Files.writeString(good, GOOD);
        Cli r = Cli.run("data", "import", "--db", db, good.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("DAT_ASCII_EURUSD_M1_201701.csv").contains("2017-01-02T07:00:00Z");
    }

    long rows() throws Exception {
        try (Database d = Database.open(db); Connection c = d.connection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*), SUM(close) FROM candles")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    Cli importText(String name, String text, String... extra) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        List<String> args = new java.util.ArrayList<>(List.of("data", "import", "--db", db, f.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    void assertFailsNamingAndKeepsTheDatabase(Cli r, String... fragments) throws Exception {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        String firstLine = r.err().lines().filter(l -> l.startsWith("fxd:")).findFirst().orElse("");
        for (String f : fragments) {
            assertThat(firstLine).contains(f);
        }
        assertThat(r.err()).doesNotContain("\tat ");
        assertThat(rows()).isEqualTo(3);
        try (Database d = Database.open(db)) {
            assertThat(d.candles().readAll("EURUSD", Timeframe.M1).close(2)).isEqualTo(1.05215);
        }
    }

    @Test
    void reimportingIsIdempotent() throws Exception {
        assertThat(Cli.run("data", "import", "--db", db, good.toString()).code()).isZero();
        assertThat(rows()).isEqualTo(3);
    }

    @Test
    void highBelowLowFailsNamingLineAndField() throws Exception {
        Cli r = importText("DAT_ASCII_EURUSD_M1_201702.csv", """
                20170202 020000;1.052180;1.052290;1.052130;1.052260;0
                20170202 020100;1.052260;1.052000;1.052200;1.052210;0
                """);
        assertFailsNamingAndKeepsTheDatabase(r, "DAT_ASCII_EURUSD_M1_201702.csv:2", "high");
    }

    @Test
    void aNumberThatDoesNotParseFails() throws Exception {
        Cli r = importText("DAT_ASCII_EURUSD_M1_201703.csv", """
                20170302 020000;1.052180;1.052290;1.052130;1.052260;0
                20170302 020100;1.052260;1.05x300;1.052200;1.052210;0
                """);
        assertFailsNamingAndKeepsTheDatabase(r, ":2", "high");
    }

    @Test
    void nanAndNegativeVolumeFail() throws Exception {
        assertFailsNamingAndKeepsTheDatabase(importText("DAT_ASCII_EURUSD_M1_201704.csv",
                "20170402 220000;NaN;1.052290;1.052130;1.052260;0\n"), ":1", "open");
        assertFailsNamingAndKeepsTheDatabase(importText("DAT_ASCII_EURUSD_M1_201705.csv",
                "20170502 020000;1.052180;1.052290;1.052130;1.052260;-3\n"), ":1", "volume");
    }

    @Test
    void outOfOrderAndConflictingDuplicatesFail() throws Exception {
        assertFailsNamingAndKeepsTheDatabase(importText("DAT_ASCII_EURUSD_M1_201706.csv", """
                20170602 020100;1.052180;1.052290;1.052130;1.052260;0
                20170602 020000;1.052180;1.052290;1.052130;1.052260;0
                """), ":2");
        assertFailsNamingAndKeepsTheDatabase(importText("DAT_ASCII_EURUSD_M1_201707.csv", """
                20170702 020000;1.052180;1.052290;1.052130;1.052260;0
                20170702 020000;1.052180;1.052290;1.052130;1.052270;0
                """), ":2");
    }

    @Test
    void missingEmptyAndUnknownFilesFail() throws Exception {
        assertFailsNamingAndKeepsTheDatabase(Cli.run("data", "import", "--db", db, dir.resolve("nope.csv").toString()),
                "nope.csv");
        assertFailsNamingAndKeepsTheDatabase(importText("DAT_ASCII_EURUSD_M1_201708.csv", ""), "201708.csv");
        assertFailsNamingAndKeepsTheDatabase(importText("prices.txt", "hello world\nthis is not a candle file\n",
                "--symbol", "EURUSD"), "prices.txt");
    }

    @Test
    void aWrongDelimiterFails() throws Exception {
        assertFailsNamingAndKeepsTheDatabase(importText("DAT_ASCII_EURUSD_M1_201709.csv",
                "20170902 020000,1.052180,1.052290,1.052130,1.052260,0\n", "--format", "histdata"), "201709.csv");
    }

    @Test
    void anUnknownSymbolFails() throws Exception {
        assertFailsNamingAndKeepsTheDatabase(importText("DAT_ASCII_FOOBAR_M1_201701.csv", GOOD), "FOOBAR");
    }

    @Test
    void aFailureInTheSecondFileStoresNothingFromTheFirst() throws Exception {
        Path first = dir.resolve("DAT_ASCII_GBPUSD_M1_201701.csv");
        Files.writeString(first, GOOD);
        Path bad = dir.resolve("DAT_ASCII_GBPUSD_M1_201702.csv");
        Files.writeString(bad, "20170202 020000;1.05;1.04;1.06;1.05;0\n");
        assertFailsNamingAndKeepsTheDatabase(Cli.run("data", "import", "--db", db, first.toString(), bad.toString()),
                "201702.csv:1");
    }

    @Test
    void skipBadStoresTheGoodRowsAndWritesAReport() throws Exception {
        Path rejects = dir.resolve("rejects");
        Cli r = importText("DAT_ASCII_EURUSD_M1_201710.csv", """
                20171002 020000;1.052180;1.052290;1.052130;1.052260;0
                20171002 020100;1.052260;1.052000;1.052200;1.052210;0
                20171002 020200;1.052210;1.052250;1.052100;1.052150;0
                """, "--skip-bad", "--rejects", rejects.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(rows()).isEqualTo(5);
        Path report = rejects.resolve("DAT_ASCII_EURUSD_M1_201710.csv.rejects.csv");
        assertThat(report).exists();
        assertThat(Files.readString(report)).contains("2").contains("high");
        assertThat(r.out()).contains(report.getFileName().toString());
    }

    @Test
    void anUnreachableDatabaseFails() throws Exception {
        Cli r = Cli.run("data", "import", "--db", "jdbc:postgresql://127.0.0.1:1/none?user=postgres", good.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("127.0.0.1:1");
    }

    @Test
    void synthRefusesToMixWithMarketData() throws Exception {
        Cli r = Cli.run("data", "synth", "--db", db, "--symbol", "EURUSD", "--days", "2");
        assertFailsNamingAndKeepsTheDatabase(r, "market data");
    }

    static final String CHANGED = GOOD.replace("20170102 020200;1.052210;1.052250;1.052100;1.052150;0",
            "20170102 020200;1.052210;1.052250;1.052100;1.052170;0");

    @Test
    void aReImportThatChangesStoredBarsFailsByDefaultAndReportsReplacedWithReplace() throws Exception {
        assertFailsNamingAndKeepsTheDatabase(importText("DAT_ASCII_EURUSD_M1_201701b.csv", CHANGED),
                "DAT_ASCII_EURUSD_M1_201701b.csv:3", "stored with other values", "--on-conflict replace");
        Cli skip = importText("DAT_ASCII_EURUSD_M1_201701b.csv", CHANGED, "--on-conflict", "skip");
        assertThat(skip.code()).as(skip.err()).isZero();
        assertThat(skip.out()).contains("skipped 1 rows");
        try (Database d = Database.open(db)) {
            assertThat(d.candles().readAll("EURUSD", Timeframe.M1).close(2)).isEqualTo(1.05215);
        }
        Cli replace = importText("DAT_ASCII_EURUSD_M1_201701b.csv", CHANGED, "--on-conflict", "replace");
        assertThat(replace.code()).as(replace.err()).isZero();
        assertThat(replace.out()).contains("replaced 1 stored bars");
        try (Database d = Database.open(db)) {
            assertThat(d.candles().readAll("EURUSD", Timeframe.M1).close(2)).isEqualTo(1.05217);
        }
        Cli same = Cli.run("data", "import", "--db", db, dir.resolve("DAT_ASCII_EURUSD_M1_201701b.csv").toString());
        assertThat(same.code()).as(same.err()).isZero();
        assertThat(same.out()).doesNotContain("replaced");
        assertThat(Cli.run("data", "import", "--db", db, good.toString(), "--on-conflict", "sometimes").code())
                .isEqualTo(1);
    }

    @Test
    void aBinaryFileIsRefusedNamingItWithoutEchoingItsBytes() throws Exception {
        byte[] junk = new byte[2048];
        new java.util.Random(3).nextBytes(junk);
        junk[0] = 0;
        Path bin = dir.resolve("DAT_ASCII_EURUSD_M1_201702.csv");
        Files.write(bin, junk);
        Cli r = Cli.run("data", "import", "--db", db, bin.toString());
        assertFailsNamingAndKeepsTheDatabase(r, "DAT_ASCII_EURUSD_M1_201702.csv", "binary file");
        assertThat(r.err().chars().allMatch(ch -> ch == '\n' || (ch >= 0x20 && ch < 0x7F))).as(r.err()).isTrue();
    }

    @Test
    void importCreatesADatabaseInANewDirectory() throws Exception {
        String fresh = "sqlite:" + dir.resolve("new/dir/fxd.db");
        Cli r = Cli.run("data", "import", "--db", fresh, good.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(dir.resolve("new/dir/fxd.db")).exists();
    }
}
