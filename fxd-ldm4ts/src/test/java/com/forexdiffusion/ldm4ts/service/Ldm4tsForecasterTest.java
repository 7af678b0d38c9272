package com.forexdiffusion.ldm4ts.service;

import ai.djl.Device;
import ai.djl.ndarray.BaseNDManager;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.HorizonForecast;
import com.forexdiffusion.ldm4ts.train.Ldm4tsTrainer;
import com.forexdiffusion.ldm4ts.train.TrainerTest;
import com.forexdiffusion.ldm4ts.train.TrainingConfig;
import com.forexdiffusion.ldm4ts.train.TrainingListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class Ldm4tsForecasterTest {
    @TempDir
    static Path dir;
    static BarSeries bars;
    static Ldm4tsForecaster forecaster;

    @BeforeAll
    static void trainTinyModel() {
        bars = new SyntheticGenerator(SyntheticConfig.defaults(5)).generate("EURUSD", 1_704_067_200_000L, 3);
        TrainingConfig tc = TrainingConfig.defaults(11).withEpochs(1).withSizes(1, 32, 16, 16, 8, 1);
        new Ldm4tsTrainer(tc, TrainingListener.NONE).train(bars, TrainerTest.tiny(), "test", dir, null);
        forecaster = Ldm4tsForecaster.load(dir, Device.cpu());
    }

    @AfterAll
    static void close() {
        forecaster.close();
    }

    private static ForecastRequest request(int end, int samples, long seed, boolean keep) {
        return new ForecastRequest(bars.slice(end - 40, end + 1), List.of(new Horizon(5), new Horizon(10)), samples,
                seed, keep);
    }

    @Test
    void statisticsAreThoseOfTheReturnedSamples() {
        Forecast f = forecaster.forecast(request(500, 21, 3, true));
        assertThat(f.modelName()).isEqualTo("ldm4ts");
        assertThat(f.modelVersion()).startsWith("ldm4ts-").hasSize("ldm4ts-".length() + 12);
        assertThat(f.time()).isEqualTo(bars.ts(500));
        assertThat(f.lastClose()).isEqualTo(bars.close(500));
        HorizonForecast h = f.horizons().get(1);
        assertThat(h.targetTime()).isEqualTo(bars.ts(500) + 10 * 60_000L);
        double[] s = h.samples().clone();
        assertThat(s).hasSize(21);
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElseThrow();
        double ss = 0;
        for (double v : s) {
            ss += (v - mean) * (v - mean);
        }
        assertThat(h.mean()).isCloseTo(mean, within(1e-12));
        assertThat(h.std()).isCloseTo(Math.sqrt(ss / 20), within(1e-12));
        // 21 draws, 1-based positions 22p: q05 at 1.1, q50 at 11, q95 at 20.9
        assertThat(h.q05()).isCloseTo(s[0] + 0.1 * (s[1] - s[0]), within(1e-12));
        assertThat(h.q50()).isCloseTo(s[10], within(1e-12));
        assertThat(h.q95()).isCloseTo(s[19] + 0.9 * (s[20] - s[19]), within(1e-12));
        assertThat(h.std()).isPositive();
    }

    @Test
    void seedsDecideTheSamplesAndBatchingDoesNot() {
        Forecast a = forecaster.forecast(request(600, 8, 42, true));
        Forecast again = forecaster.forecast(request(600, 8, 42, true));
        Forecast other = forecaster.forecast(request(600, 8, 43, true));
        assertThat(again.horizons().get(0).samples()).containsExactly(a.horizons().get(0).samples());
        assertThat(other.horizons().get(0).samples()).isNotEqualTo(a.horizons().get(0).samples());
        List<Forecast> batch = forecaster.forecastBatch(List.of(request(700, 8, 7, true), request(600, 8, 42, true)));
        double[] inBatch = batch.get(1).horizons().get(0).samples();
        double[] alone = a.horizons().get(0).samples();
        for (int i = 0; i < alone.length; i++) {
            assertThat(inBatch[i]).isCloseTo(alone[i], within(1e-6 * alone[i]));
        }
    }

    @Test
    void mismatchedRequestsFailWithTheReason() {
        assertThatThrownBy(() -> forecaster.requireHorizons(List.of(new Horizon(60))))
                .hasMessageContaining("trained for horizons [5, 10]").hasMessageContaining("60");
        assertThatThrownBy(() -> forecaster.forecast(new ForecastRequest(bars.slice(0, 20), List.of(new Horizon(5)), 4,
                1, false))).hasMessageContaining("reads 32 bars").hasMessageContaining("has 20");
    }

    @Test
    void repeatedForecastsLeaveNoTensorsBehind() {
        BaseNDManager m = (BaseNDManager) forecaster.model().manager();
        forecaster.forecast(request(800, 4, 1, false));
        int before = m.getManagedArrays().size();
        for (int i = 0; i < 200; i++) {
            forecaster.forecast(request(300 + i, 4, i, false));
        }
        assertThat(m.getManagedArrays()).hasSize(before);
    }

    @Test
    void registryLoadsEachVersionOnce() throws Exception {
        Path copy = dir.resolveSibling(dir.getFileName() + "-copy");
        Files.createDirectories(copy);
        for (Path p : Files.list(dir).toList()) {
            Files.copy(p, copy.resolve(p.getFileName()));
        }
        try (ModelRegistry registry = new ModelRegistry(Device.cpu())) {
            Ldm4tsForecaster one = registry.load(dir);
            assertThat(registry.load(dir)).isSameAs(one);
            assertThat(registry.load(copy)).isSameAs(one);
            assertThat(registry.versions()).containsExactly(one.version());
            assertThat(registry.get(one.version())).isSameAs(one);
        }
    }
}
