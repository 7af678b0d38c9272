package com.forexdiffusion.data.validation;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.data.validation.RowValidator.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowValidatorTest {
    private static final long MIN = 60_000;

    private static BadInputException fails(RowValidator v, long line, long t, double o, double h, double l, double c,
                                           double vol) {
        try {
            v.check(line, t, o, h, l, c, vol);
        } catch (BadInputException e) {
            return e;
        }
        throw new AssertionError("row passed");
    }

    @Test
    void acceptsValidIncreasingRows() {
        RowValidator v = new RowValidator("f.csv", ConflictPolicy.ERROR);
        assertThat(v.check(1, 0, 1.1, 1.2, 1.0, 1.15, 0)).isEqualTo(Verdict.ACCEPT);
        assertThat(v.check(2, MIN, 1.1, 1.1, 1.1, 1.1, 5)).isEqualTo(Verdict.ACCEPT);
    }

    @Test
    void eachPriceRuleNamesLineAndField() {
        RowValidator v = new RowValidator("f.csv", ConflictPolicy.ERROR);
        BadInputException e = fails(v, 7, 0, 1.1, 1.12, 1.0, 1.15, 0);
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.field()).isEqualTo("high");
        assertThat(e.getMessage()).startsWith("f.csv:7: field 'high': high 1.12 is below max(open 1.1, close 1.15)");

        e = fails(v, 8, 0, 1.1, 1.2, 1.12, 1.15, 0);
        assertThat(e.field()).isEqualTo("low");
        assertThat(e.getMessage()).contains("f.csv:8:").contains("above min(open 1.1, close 1.15)");

        e = fails(v, 9, 0, 1.1, 1.0, 1.2, 1.1, 0);
        assertThat(e.field()).isEqualTo("high");
        assertThat(e.reason()).contains("below low");

        e = fails(v, 10, 0, 0.0, 1.2, 1.0, 1.1, 0);
        assertThat(e.field()).isEqualTo("open");
        assertThat(e.reason()).contains("must be > 0");

        e = fails(v, 11, 0, 1.1, 1.2, -1.0, 1.1, 0);
        assertThat(e.field()).isEqualTo("low");
    }

    @Test
    void nanAndInfinityAreRejected() {
        RowValidator v = new RowValidator("f.csv", ConflictPolicy.ERROR);
        BadInputException e = fails(v, 3, 0, 1.1, 1.2, 1.0, Double.NaN, 0);
        assertThat(e.field()).isEqualTo("close");
        assertThat(e.reason()).contains("not a finite number");
        e = fails(v, 4, 0, 1.1, Double.POSITIVE_INFINITY, 1.0, 1.1, 0);
        assertThat(e.field()).isEqualTo("high");
        e = fails(v, 5, 0, 1.1, 1.2, 1.0, 1.1, Double.POSITIVE_INFINITY);
        assertThat(e.field()).isEqualTo("volume");
        e = fails(v, 6, 0, 1.1, 1.2, 1.0, 1.1, Double.NaN);
        assertThat(e.field()).isEqualTo("volume");
    }

    @Test
    void negativeVolumeIsRejected() {
        RowValidator v = new RowValidator("f.csv", ConflictPolicy.ERROR);
        BadInputException e = fails(v, 12, 0, 1.1, 1.2, 1.0, 1.1, -1);
        assertThat(e.getMessage()).isEqualTo("f.csv:12: field 'volume': volume -1.0 is negative");
    }

    @Test
    void equalDuplicateIsDroppedEvenWhenItComesBackAfterLaterRows() {
        RowValidator v = new RowValidator("f.csv", ConflictPolicy.ERROR);
        for (int i = 0; i < 120; i++) {
            assertThat(v.check(i + 1, i * MIN, 1.1, 1.2, 1.0, 1.1 + i * 1e-5, i)).isEqualTo(Verdict.ACCEPT);
        }
        // The hour 60..119 repeated as a block after the later rows, like HistData 2019.
        for (int i = 60; i < 120; i++) {
            assertThat(v.check(200 + i, i * MIN, 1.1, 1.2, 1.0, 1.1 + i * 1e-5, i)).isEqualTo(Verdict.DUPLICATE);
        }
        assertThat(v.duplicates()).isEqualTo(60);
        assertThat(v.check(400, 120 * MIN, 1.1, 1.2, 1.0, 1.1, 0)).isEqualTo(Verdict.ACCEPT);
    }

    @Test
    void conflictingDuplicateIsAnErrorUnlessKeepLast() {
        RowValidator strict = new RowValidator("f.csv", ConflictPolicy.ERROR);
        strict.check(1, 0, 1.1, 1.2, 1.0, 1.1, 0);
        strict.check(2, MIN, 1.1, 1.2, 1.0, 1.1, 0);
        BadInputException e = fails(strict, 3, 0, 1.1, 1.2, 1.0, 1.15, 0);
        assertThat(e.field()).isEqualTo("time");
        assertThat(e.reason()).contains("duplicate timestamp 1970-01-01T00:00:00Z").contains("differ from line 1")
                .contains("--on-conflict replace");

        RowValidator keep = new RowValidator("f.csv", ConflictPolicy.KEEP_LAST);
        keep.check(1, 0, 1.1, 1.2, 1.0, 1.1, 0);
        keep.check(2, MIN, 1.1, 1.2, 1.0, 1.1, 0);
        assertThat(keep.check(3, 0, 1.1, 1.2, 1.0, 1.15, 0)).isEqualTo(Verdict.REPLACE);
        // The replacement is what later copies are compared with.
        assertThat(keep.check(4, 0, 1.1, 1.2, 1.0, 1.15, 0)).isEqualTo(Verdict.DUPLICATE);
        assertThat(keep.replaced()).isEqualTo(1);
    }

    @Test
    void earlierTimeThatIsNoKnownRowIsOutOfOrder() {
        RowValidator v = new RowValidator("f.csv", ConflictPolicy.ERROR);
        v.check(1, 0, 1.1, 1.2, 1.0, 1.1, 0);
        v.check(2, 2 * MIN, 1.1, 1.2, 1.0, 1.1, 0);
        BadInputException e = fails(v, 3, MIN, 1.1, 1.2, 1.0, 1.1, 0);
        assertThat(e.getMessage()).startsWith("f.csv:3: field 'time': timestamp 1970-01-01T00:01:00Z is out of order")
                .contains("at line 2");
    }

    @Test
    void windowForgetsOldRows() {
        RowValidator v = new RowValidator("f.csv", ConflictPolicy.ERROR, 16);
        for (int i = 0; i < 40; i++) {
            v.check(i + 1, i * MIN, 1.1, 1.2, 1.0, 1.1, 0);
        }
        assertThat(v.check(50, 30 * MIN, 1.1, 1.2, 1.0, 1.1, 0)).isEqualTo(Verdict.DUPLICATE);
        assertThatThrownBy(() -> v.check(51, 2 * MIN, 1.1, 1.2, 1.0, 1.1, 0))
                .isInstanceOf(BadInputException.class).hasMessageContaining("out of order")
                .hasMessageContaining("more than 16 rows back");
    }
}
