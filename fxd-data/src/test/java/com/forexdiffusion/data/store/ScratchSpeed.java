package com.forexdiffusion.data.store;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import org.junit.jupiter.api.Test;

class ScratchSpeed {
    @Test
    void speed() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempDirectory("sp").resolve("s.db");
        Database db = Database.open("sqlite:" + f);
        BarSeries s = CandleStoreContract.minutes("EURUSD", 0, 1_000_000, 1.1);
        for (int r = 0; r < 3; r++) {
            db.candles().delete("EURUSD", Timeframe.M1);
            long t0 = System.nanoTime();
            try (CandleWriter w = db.candles().writer()) { w.addAll(s, "x"); w.commit(); }
            double sec = (System.nanoTime() - t0) / 1e9;
            System.out.printf("insert %.0f rows/s%n", s.size() / sec);
        }
        for (int r = 0; r < 5; r++) {
            long t0 = System.nanoTime();
            BarSeries b = db.candles().readAll("EURUSD", Timeframe.M1);
            double sec = (System.nanoTime() - t0) / 1e9;
            System.out.printf("read %.0f bars/s%n", b.size() / sec);
        }
    }
}
