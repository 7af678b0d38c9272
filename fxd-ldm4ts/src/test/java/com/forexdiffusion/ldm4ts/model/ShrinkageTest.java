package com.forexdiffusion.ldm4ts.model;

import com.forexdiffusion.core.Timeframe;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ShrinkageTest {

    @Test
    void withoutAnExplicitPathwayBothFactorsAreTheLeastSquaresScaleOfTheMean() {
        Shrinkage s = new Shrinkage(3);
        // horizon 0: means 1, 2 and outcomes 0.5, 0.5 → Σmy = 1.5, Σm² = 5 → 0.3
        s.add(0, 1, 0, 0.5);
        s.add(0, 2, 0, 0.5);
        // horizon 1: outcomes opposite to the means → negative, clipped to 0
        s.add(1, 1, 0, -1);
        // horizon 2: outcomes twice the means → 2, clipped to 1
        s.add(2, 1, 0, 2);
        Shrinkage.Factors f = s.factors();
        assertThat(f.explicit().get(0)).isCloseTo(0.3, within(1e-12));
        assertThat(f.branch().get(0)).isCloseTo(0.3, within(1e-12));
        assertThat(f.explicit()).element(1).isEqualTo(0.0);
        assertThat(f.explicit()).element(2).isEqualTo(1.0);
    }

    @Test
    void whenTheOutcomeIsTheExplicitForecastTheDiffusionBranchIsDropped() {
        Shrinkage s = new Shrinkage(1);
        // (explicit, mean, outcome): the branch adds 2, −1, −0.5, which the outcome never follows
        s.add(0, 3, 1, 1);
        s.add(0, 1, 2, 2);
        s.add(0, -1.5, -1, -1);
        assertThat(s.factors().explicit().get(0)).isCloseTo(1.0, within(1e-9));
        assertThat(s.factors().branch().get(0)).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void theInteriorOptimumIsTheTwoByTwoLeastSquares() {
        Shrinkage s = new Shrinkage(1);
        // window 1: e = 1, d = 0, y = 0.5; window 2: e = 0, d = 1, y = 0.25 → Σe² = Σd² = 1, Σed = 0 → (0.5, 0.25)
        s.add(0, 1, 1, 0.5);
        s.add(0, 1, 0, 0.25);
        assertThat(s.factors().explicit().get(0)).isCloseTo(0.5, within(1e-12));
        assertThat(s.factors().branch().get(0)).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void outsideTheUnitSquareTheBestEdgeWins() {
        Shrinkage s = new Shrinkage(1);
        // window 1: e = 1, d = 1, y = 2.5; window 2: e = 1, d = 0, y = 0.2. Unconstrained (0.2, 2.3); on the edge β = 1
        // the residuals are 1.5 − α and 0.2 − α, least at α = 0.85, and no other edge does better.
        s.add(0, 2, 1, 2.5);
        s.add(0, 1, 1, 0.2);
        assertThat(s.factors().explicit().get(0)).isCloseTo(0.85, within(1e-12));
        assertThat(s.factors().branch().get(0)).isCloseTo(1.0, within(1e-12));
    }

    /**
     * Keeping the explicit pathway: the outcome is 0.8 of the explicit forecast plus half the branch's addition, so
     * the full fit shrinks the explicit forecast (α = 0.8, β = 0.5: the sums below are those of the 2×2 least
     * squares), while the branch-only fit holds α at 1 and regresses y − e = −0.2·e + 0.5·d on d alone. With e and d
     * uncorrelated over the windows that is 0.5 plus what −0.2·e projects on d (zero here by construction).
     */
    @Test
    void keepingTheExplicitPathwayFitsOnlyTheBranchFactor() {
        Shrinkage full = new Shrinkage(1);
        Shrinkage kept = Shrinkage.keepingExplicit(1);
        // (e, d) over four windows: Σe² = Σd² = 4 and Σed = 0
        double[][] ed = {{1, 1}, {1, -1}, {-1, 1}, {-1, -1}};
        for (double[] w : ed) {
            double y = 0.8 * w[0] + 0.5 * w[1];
            full.add(0, w[0] + w[1], w[0], y);
            kept.add(0, w[0] + w[1], w[0], y);
        }
        assertThat(full.factors().explicit().get(0)).isCloseTo(0.8, within(1e-12));
        assertThat(full.factors().branch().get(0)).isCloseTo(0.5, within(1e-12));
        assertThat(kept.factors().explicit().get(0)).isEqualTo(1.0);
        assertThat(kept.factors().branch().get(0)).isCloseTo(0.5, within(1e-12));
    }

    /**
     * Keeping the explicit pathway, a branch whose addition the outcome does not follow is dropped: y = e + noise
     * and d independent noise, so β's gain is far below the criterion's ln 400.
     */
    @Test
    void aBranchThatDoesNotEarnItsFactorIsDroppedWhileTheExplicitForecastStays() {
        Shrinkage kept = Shrinkage.keepingExplicit(1);
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 400; i++) {
            double e = gaussian(r);
            double d = 0.3 * gaussian(r);
            kept.add(0, e + d, e, e + 0.02 * d + gaussian(r));
        }
        assertThat(kept.factors().explicit().get(0)).isEqualTo(1.0);
        assertThat(kept.factors().branch().get(0)).isEqualTo(0.0);
        // an explicit-only model (d = 0 everywhere) keeps its forecast as it is
        Shrinkage alone = Shrinkage.keepingExplicit(1);
        alone.add(0, 2, 2, 1);
        alone.add(0, -1, -1, 0);
        assertThat(alone.factors().explicit().get(0)).isEqualTo(1.0);
        assertThat(alone.factors().branch().get(0)).isEqualTo(1.0);
    }

    /**
     * 400 windows whose outcome follows the explicit forecast weakly, y = 0.05·e + noise: the least squares find a
     * small α, which lowers the validation SSE by less than the criterion's 2 · ln 400 = 12.0 (computed here from the
     * sums, independently of the class), so the zero forecast stays. With y = 0.5·e + noise the gain is about 20 % and
     * the fit is kept.
     */
    @Test
    void aGainTheInformationCriterionDoesNotBackLeavesTheZeroForecast() {
        for (double slope : new double[] {0.05, 0.5}) {
            Shrinkage s = new Shrinkage(1);
            SplittableRandom r = new SplittableRandom(8);
            double ee = 0;
            double ey = 0;
            double yy = 0;
            for (int i = 0; i < 400; i++) {
                double e = gaussian(r);
                double d = 0.5 * gaussian(r);
                double y = slope * e + gaussian(r);
                s.add(0, e + d, e, y);
                ee += e * e;
                ey += e * y;
                yy += y * y;
            }
            // The one-factor gain alone, (Σey)²/Σe², bounds what α can take off the SSE.
            double statistic = 400 * Math.log(yy / (yy - ey * ey / ee));
            System.out.printf("slope %.2f: n·ln(SSE0/SSE) of α alone %.2f, criterion %.2f%n", slope, statistic,
                    2 * Math.log(400));
            Shrinkage.Factors f = s.factors();
            if (slope < 0.1) {
                assertThat(statistic).isLessThan(2 * Math.log(400) - 4);
                assertThat(f.explicit().get(0)).isEqualTo(0.0);
                assertThat(f.branch().get(0)).isEqualTo(0.0);
            } else {
                assertThat(statistic).isGreaterThan(2 * Math.log(400) + 20);
                assertThat(f.explicit().get(0)).isCloseTo(0.5, within(0.12));
            }
        }
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void theCorrectionMovesTheMeanAndKeepsTheSpread() {
        float[][][] z = {{{1f, 10f}, {3f, 20f}}};
        float[][] explicit = {{1f, 5f}};
        Shrinkage.apply(z, explicit, new Shrinkage.Factors(List.of(0.5, 1.0), List.of(0.0, 1.0)));
        // horizon 0: mean 2 → 0.5 · 1 + 0 · (2 − 1) = 0.5 (shift −1.5); the draws keep their distance of 2
        assertThat(z[0][0][0]).isEqualTo(-0.5f);
        assertThat(z[0][1][0]).isEqualTo(1.5f);
        assertThat(z[0][0][1]).isEqualTo(10f);
        assertThat(z[0][1][1]).isEqualTo(20f);
        Shrinkage.apply(z, explicit, null);
        assertThat(z[0][1][0]).isEqualTo(1.5f);
    }

    @Test
    void aCheckpointWithOneFactorPerHorizonScalesTheWholeMeanAsBefore() {
        Ldm4tsConfig c = Ldm4tsConfig.compact("EURUSD", Timeframe.M5, List.of(15, 60, 240), 1).toBuilder()
                .shrinkage(List.of(0.2, 0.5, 1.0)).build();
        assertThat(c.meanCorrection().branch()).containsExactly(0.2, 0.5, 1.0);
        float[][][] z = {{{1f, 1f, 1f}, {3f, 3f, 3f}}};
        Shrinkage.apply(z, new float[][] {{7f, 7f, 7f}}, c.meanCorrection());
        assertThat(z[0][0][0] + z[0][1][0]).isCloseTo(2 * 0.2f * 2, within(1e-6f));
        assertThat(z[0][0][1] + z[0][1][1]).isCloseTo(2 * 0.5f * 2, within(1e-6f));
    }
}
