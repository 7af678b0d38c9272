package com.forexdiffusion.app;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.CandleWriter;
import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class VisionCommandTest {
    @TempDir
    Path dir;
    String db;

    @BeforeEach
    void data() {
        db = "sqlite:" + dir.resolve("fxd.db");
        assertThat(Cli.run("data", "synth", "--db", db, "--days", "10").code()).isZero();
        assertThat(Cli.run("data", "resample", "--db", db, "--symbol", "EURUSD", "--to", "M15").code()).isZero();
    }

    @Test
    void writesTheThreeViewsAndTheComposite() throws Exception {
        Path out = dir.resolve("png");
        Cli r = Cli.run("vision", "--db", db, "--symbol", "EURUSD", "--timeframe", "M15", "--at", "2023-01-06T12:07",
                "--size", "32", "--window", "60", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        // The window ends at the last bar open at or before 12:07, the 12:00 bar; 60 bars of 15 minutes before.
        assertThat(r.out()).contains("2023-01-05T21:15:00Z .. 2023-01-06T12:00:00Z");
        for (String f : new String[]{"seg.png", "gaf.png", "rp.png", "rgb.png"}) {
            BufferedImage img = ImageIO.read(out.resolve(f).toFile());
            assertThat(img.getWidth()).isEqualTo(32);
            assertThat(img.getHeight()).isEqualTo(32);
        }
    }

    @Test
    void changingBarsAfterTheWindowLeavesThePicturesUnchanged() throws Exception {
        Path before = dir.resolve("before");
        Path after = dir.resolve("after");
        String[] args = {"vision", "--db", db, "--symbol", "EURUSD", "--timeframe", "M15", "--at", "2023-01-04T09:00",
                "--source", "mean-ohlcv"};
        assertThat(Cli.run(concat(args, "--out", before.toString())).code()).isZero();
        long t = Instant.parse("2023-01-04T09:00:00Z").toEpochMilli();
        try (Database d = Database.open(db)) {
            BarSeries later = d.candles().read("EURUSD", Timeframe.M15, t + 1, Long.MAX_VALUE);
            try (CandleWriter w = d.candles().writer()) {
                for (int i = 0; i < later.size(); i++) {
                    w.add("EURUSD", Timeframe.M15, later.ts(i), 9, 10, 8, 9.5, 1e6, "changed");
                }
                w.commit();
            }
        }
        assertThat(Cli.run(concat(args, "--out", after.toString())).code()).isZero();
        for (String f : new String[]{"seg.png", "gaf.png", "rp.png", "rgb.png"}) {
            assertThat(Files.readAllBytes(after.resolve(f))).as(f).isEqualTo(Files.readAllBytes(before.resolve(f)));
        }
    }

    @Test
    void badRequestsGetClearErrors() {
        Cli tooEarly = Cli.run("vision", "--db", db, "--symbol", "EURUSD", "--timeframe", "M15", "--at", "2023-01-02T01:00",
                "--out", dir.resolve("x").toString());
        assertThat(tooEarly.code()).isEqualTo(1);
        assertThat(tooEarly.err()).contains("100 bars");
        Cli small = Cli.run("vision", "--db", db, "--symbol", "EURUSD", "--timeframe", "M15", "--at", "2023-01-06",
                "--size", "7", "--out", dir.resolve("x").toString());
        assertThat(small.code()).isEqualTo(1);
        assertThat(small.err()).contains("7");
        Cli source = Cli.run("vision", "--db", db, "--symbol", "EURUSD", "--timeframe", "M15", "--at", "2023-01-06",
                "--source", "vwap", "--out", dir.resolve("x").toString());
        assertThat(source.code()).isEqualTo(1);
        assertThat(source.err()).contains("'vwap'");
        Cli none = Cli.run("vision", "--db", db, "--symbol", "GBPUSD", "--timeframe", "M15", "--at", "2023-01-06",
                "--out", dir.resolve("x").toString());
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("no GBPUSD M15 bar");
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
