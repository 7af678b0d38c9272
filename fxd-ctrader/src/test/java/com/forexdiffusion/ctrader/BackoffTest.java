package com.forexdiffusion.ctrader;

import com.forexdiffusion.ctrader.client.Backoff;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {
    private static List<Long> delays(long seed, int n) {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), seed);
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(b.nextDelayMs());
        }
        return out;
    }

    @Test
    void delaysDoubleUpToTheCapWithJitterInTheUpperHalf() {
        List<Long> d = delays(3, 8);
        long[] caps = {100, 200, 400, 800, 1600, 2000, 2000, 2000};
        for (int i = 0; i < caps.length; i++) {
            assertThat(d.get(i)).as("delay %d", i).isBetween(caps[i] / 2, caps[i]);
        }
    }

    @Test
    void theSameSeedGivesTheSameDelaysAndAnotherSeedOthers() {
        assertThat(delays(3, 8)).isEqualTo(delays(3, 8));
        assertThat(delays(4, 8)).isNotEqualTo(delays(3, 8));
    }

    @Test
    void resetStartsOverAtTheBase() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 1);
        for (int i = 0; i < 5; i++) {
            b.nextDelayMs();
        }
        b.reset();
        assertThat(b.nextDelayMs()).isBetween(50L, 100L);
    }
}
