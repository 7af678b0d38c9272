package com.forexdiffusion.web.market;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Every price written reads back as the very same double, in its shortest form for quotes. */
class JsonBytesTest {
    @Test
    void quotesAreShortAndExact() {
        assertThat(new JsonBytes(8).price(1.10062).raw(",").price(1.1).raw(",").price(255.0).raw(",")
                .price(-0.5).raw(",").price(151.234).raw(",").price(0.0).toString())
                .isEqualTo("1.10062,1.1,255,-0.5,151.234,0");
        assertThat(new JsonBytes(8).integer(-1704183600L).toString()).isEqualTo("-1704183600");
        assertThat(new JsonBytes(8).price(Double.NaN).toString()).isEqualTo("null");
    }

    @Test
    void anyDoubleReadsBackExactly() throws Exception {
        SplittableRandom r = new SplittableRandom(1);
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < 20_000; i++) {
            double v = switch (i % 3) {
                case 0 -> Math.round(r.nextDouble(0.5, 2.0) * 100_000) / 100_000.0;
                case 1 -> r.nextDouble(-1e6, 1e6);
                default -> Double.longBitsToDouble(r.nextLong()) % 1e12;
            };
            if (!Double.isFinite(v)) {
                continue;
            }
            String s = new JsonBytes(8).price(v).toString();
            assertThat(json.readTree(s).asDouble()).as(s).isEqualTo(v);
        }
    }
}
