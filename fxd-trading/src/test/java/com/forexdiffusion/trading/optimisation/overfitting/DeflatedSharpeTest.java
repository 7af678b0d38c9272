package com.forexdiffusion.trading.optimisation.overfitting;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DeflatedSharpeTest {
    /**
     * The numerical example of Bailey & López de Prado (2014), section "A numerical example": annualised SR 2.5 over
     * five years of daily returns (T = 1250), 100 trials whose annualised Sharpe ratios have variance 1/2, skewness
     * −3, kurtosis 10. The paper finds E[max SR] ≈ 0.1132 per day and DSR ≈ 0.9004.
     */
    @Test
    void reproducesThePapersWorkedExample() {
        double perDay = Math.sqrt(250);
        double sr = 2.5 / perDay;
        double variance = 0.5 / 250;
        double sr0 = DeflatedSharpe.expectedMaxSharpe(variance, 100);
        assertThat(sr0).isCloseTo(0.1132, within(1e-4));
        assertThat(DeflatedSharpe.deflated(sr, variance, 100, 1250, -3, 10)).isCloseTo(0.9004, within(5e-4));
    }

    /** Normal returns, SR 0.1 per period over 101 periods: z = 0.1·√100 / √(1 + 0.5·0.01), by hand 0.99751. */
    @Test
    void probabilisticSharpeByHand() {
        double z = 1 / Math.sqrt(1.005);
        assertThat(z).isCloseTo(0.997509, within(1e-6));
        // Φ(0.997509) from a normal table: 0.84073.
        assertThat(DeflatedSharpe.probabilistic(0.1, 0, 101, 0, 3)).isCloseTo(0.84073, within(2e-5));
    }

    @Test
    void moreTrialsDeflateMore() {
        double one = DeflatedSharpe.deflated(0.1, 0.002, 1, 500, 0, 3);
        double ten = DeflatedSharpe.deflated(0.1, 0.002, 10, 500, 0, 3);
        double thousand = DeflatedSharpe.deflated(0.1, 0.002, 1000, 500, 0, 3);
        assertThat(one).isGreaterThan(ten);
        assertThat(ten).isGreaterThan(thousand);
        // With a single trial nothing is deflated: the probabilistic Sharpe ratio against 0.
        assertThat(one).isEqualTo(DeflatedSharpe.probabilistic(0.1, 0, 500, 0, 3));
    }

    @Test
    void fromReturnsUsesTheirMomentsAndTheTrialsSpread() {
        // Returns +2, −1 repeated: mean 0.5, population variance 2.25 (skewness 0, kurtosis 1).
        double[] r = new double[100];
        for (int i = 0; i < r.length; i++) {
            r[i] = i % 2 == 0 ? 2 : -1;
        }
        DeflatedSharpe.Result res = DeflatedSharpe.ofReturns(r, new double[]{0.1, 0.3, 0.2});
        double sd = Math.sqrt(2.25 * 100 / 99);
        assertThat(res.sharpe()).isCloseTo(0.5 / sd, within(1e-12));
        assertThat(res.skewness()).isCloseTo(0, within(1e-12));
        assertThat(res.kurtosis()).isCloseTo(1, within(1e-12));
        // Trial Sharpes 0.1, 0.2, 0.3: sample variance 0.01.
        assertThat(res.expectedMaxSharpe()).isCloseTo(DeflatedSharpe.expectedMaxSharpe(0.01, 3), within(1e-12));
        assertThat(res.observations()).isEqualTo(100);
    }
}
