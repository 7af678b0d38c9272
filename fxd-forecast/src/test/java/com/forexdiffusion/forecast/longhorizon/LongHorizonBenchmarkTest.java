package com.forexdiffusion.forecast.longhorizon;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LongHorizonBenchmarkTest {
    @Test
    void theClosedFormRecoversAnExactLinearLaw() {
        // x_t = 0.6 x_{t−1} − 0.3 x_{t−2} + 0.1 + a periodic drive: two steps ahead is an exact linear map of the
        // last values plus the drive's own recursion, so with enough lookback the fit is (numerically) perfect.
        int n = 3000;
        double[][] v = new double[n][2];
        for (int t = 0; t < n; t++) {
            for (int c = 0; c < 2; c++) {
                double drive = Math.sin(2 * Math.PI * t / 24.0 + c);
                v[t][c] = t < 2 ? drive : 0.6 * v[t - 1][c] - 0.3 * v[t - 2][c] + 0.1 + drive;
            }
        }
        LinearMap m = LinearMap.fit(v, 0, 2000, 30, 2);
        double[] out = new double[2];
        double worst = 0;
        for (int s = 2000; s + 32 <= n; s++) {
            m.predict(v, s, 1, out);
            worst = Math.max(worst, Math.abs(out[1] - v[s + 31][1]));
        }
        assertThat(worst).isLessThan(1e-4);
    }

    @Test
    void splitsFollowTheEttProtocol(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("date,a,b\n");
        for (int i = 0; i < 14400; i++) {
            sb.append("2016-07-01 00:00:00,").append(i % 7).append(',').append(i % 3 == 0 ? "-9999" : "1.5").append('\n');
        }
        Path f = dir.resolve("ETTh1.csv");
        Files.writeString(f, sb.toString());
        LongHorizonData d = LongHorizonData.ett(f, 1, 96);
        assertThat(d.ends()).containsExactly(8640, 11520, 14400);
        assertThat(d.starts()).containsExactly(0, 8640 - 96, 11520 - 96);
        // Channel a cycles 0..6: mean 3 over the 8640 training rows (8640 = 1234·7 + 2 rows of 0 and 1 extra).
        assertThat(d.mean()[0]).isCloseTo((1234 * 21 + 0 + 1) / 8640.0, within(1e-9));
        // Missing markers are carried forward: channel b is 1.5 everywhere after the first row.
        assertThat(d.std()[1]).isGreaterThan(0);
    }

    @Test
    void dlinearOnEtth1IsWithinFivePercentOfItsPublishedMse() {
        Path data = shared().resolve("ett/ETTh1.csv");
        if (!Files.exists(data)) {
            System.err.println("\n*** SKIPPED: " + data + " is absent; the ETTh1 protocol check needs ../shared/data ***\n");
        }
        assumeTrue(Files.exists(data), "../shared/data/ett/ETTh1.csv is absent");
        Map<String, Map<Integer, LongHorizonBenchmark.Score>> r =
                LongHorizonBenchmark.run(LongHorizonData.ett(data, 1, 96), 96, List.of(96));
        double mse = r.get("dlinear").get(96).mse();
        double mae = r.get("dlinear").get(96).mae();
        assertThat(mse / 0.386).as("MSE %s against 0.386", mse).isBetween(0.95, 1.05);
        assertThat(mae / 0.400).as("MAE %s against 0.400", mae).isBetween(0.95, 1.05);
        assertThat(r.get("repeat-last").get(96).mse()).isGreaterThan(mse);
    }

    static Path shared() {
        String p = System.getProperty("fxd.shared.data");
        if (p != null && Files.isDirectory(Path.of(p))) {
            return Path.of(p);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("shared/data"))) {
                return dir.resolve("shared/data");
            }
            dir = dir.getParent();
        }
        return Path.of("../shared/data");
    }
}
