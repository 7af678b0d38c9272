package com.forexdiffusion.data.importer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecimalParserTest {
    private static double parse(String s) {
        byte[] b = ("x" + s + "y").getBytes(StandardCharsets.ISO_8859_1);
        return DecimalParser.parse(b, 1, b.length - 1);
    }

    @Test
    void matchesDoubleParseDoubleExactlyOnRandomDecimals() {
        SplittableRandom rnd = new SplittableRandom(20240601);
        for (int i = 0; i < 1_000_000; i++) {
            StringBuilder sb = new StringBuilder();
            if (rnd.nextInt(10) == 0) {
                sb.append('-');
            }
            int intDigits = rnd.nextInt(0, 12);
            for (int d = 0; d < intDigits; d++) {
                sb.append((char) ('0' + rnd.nextInt(10)));
            }
            int fracDigits = rnd.nextInt(0, 25);
            if (fracDigits > 0 || intDigits == 0) {
                sb.append('.');
                for (int d = 0; d < Math.max(fracDigits, intDigits == 0 ? 1 : 0); d++) {
                    sb.append((char) ('0' + rnd.nextInt(10)));
                }
            }
            String s = sb.toString();
            assertThat(Double.doubleToRawLongBits(parse(s)))
                    .as(s).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
        }
    }

    @Test
    void matchesOnPriceLikeValuesAndEdgeCases() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            String s = String.format(java.util.Locale.ROOT, "%.6f", rnd.nextDouble(0.5, 200));
            assertThat(parse(s)).as(s).isEqualTo(Double.parseDouble(s));
        }
        for (String s : new String[] {"0", "0.0", "-0.0", "1.", ".5", "+1.25", "9007199254740991", "9007199254740993",
                "123456789012345678901234567890", "1.7976931348623157e308", "4.9e-324", "1e5", "1E-5",
                "0.000000000000000000000000000001", "  1.5 ", "3209.6999999999994", "11947.0498"}) {
            assertThat(Double.doubleToRawLongBits(parse(s))).as(s)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s.trim())));
        }
    }

    @Test
    void nonFiniteSpellingsParseSoThatValidationCanNameThem() {
        assertThat(parse("NaN")).isNaN();
        assertThat(parse("Infinity")).isInfinite().isPositive();
        assertThat(parse("-inf")).isInfinite().isNegative();
    }

    @Test
    void rejectsGarbage() {
        for (String s : new String[] {"", " ", "abc", "1.2.3", "1,5", "0x10", "1.5f", "1.5d", "--1", "."}) {
            assertThatThrownBy(() -> parse(s)).as(s).isSameAs(DecimalParser.UNPARSABLE);
        }
    }
}
