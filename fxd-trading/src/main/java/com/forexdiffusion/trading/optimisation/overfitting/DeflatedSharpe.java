package com.forexdiffusion.trading.optimisation.overfitting;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * The deflated Sharpe ratio (Bailey & López de Prado 2014, "The Deflated Sharpe Ratio: Correcting for Selection
 * Bias, Backtest Overfitting and Non-Normality"): the probability that the true Sharpe ratio of the selected trial
 * exceeds the largest Sharpe ratio expected among N unskilled trials. Sharpe ratios here are per observation (not
 * annualised); kurtosis is the plain fourth standardised moment (3 for a normal distribution).
 */
public final class DeflatedSharpe {
    static final double EULER_MASCHERONI = 0.5772156649015329;
    private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

    private DeflatedSharpe() {
    }

    /** The figures behind a deflated Sharpe ratio, per observation. */
    public record Result(double deflatedSharpe, double sharpe, double expectedMaxSharpe, int trials,
                         int observations, double skewness, double kurtosis) {
    }

    /**
     * E[max SR] of N independent unskilled trials whose Sharpe ratios have variance V:
     * √V·((1 − γ)Φ⁻¹(1 − 1/N) + γΦ⁻¹(1 − 1/(N·e))), γ the Euler-Mascheroni constant; 0 for a single trial.
     */
    public static double expectedMaxSharpe(double sharpeVariance, int trials) {
        if (trials < 2 || !(sharpeVariance > 0)) {
            return 0;
        }
        double g = EULER_MASCHERONI;
        return Math.sqrt(sharpeVariance) * ((1 - g) * NORMAL.inverseCumulativeProbability(1 - 1.0 / trials)
                + g * NORMAL.inverseCumulativeProbability(1 - 1.0 / (trials * Math.E)));
    }

    /**
     * The probabilistic Sharpe ratio: P(true SR > benchmark) given the estimate from T observations with this skewness
     * and kurtosis, Φ((SR − SR*)√(T − 1) / √(1 − γ3·SR + (γ4 − 1)/4·SR²)).
     */
    public static double probabilistic(double sharpe, double benchmark, int observations, double skewness,
                                       double kurtosis) {
        double denom = 1 - skewness * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe;
        if (observations < 2 || !(denom > 0)) {
            return Double.NaN;
        }
        return NORMAL.cumulativeProbability((sharpe - benchmark) * Math.sqrt(observations - 1) / Math.sqrt(denom));
    }

    public static double deflated(double sharpe, double sharpeVariance, int trials, int observations, double skewness,
                                  double kurtosis) {
        return probabilistic(sharpe, expectedMaxSharpe(sharpeVariance, trials), observations, skewness, kurtosis);
    }

    /**
     * The deflated Sharpe ratio of the selected trial's per-period returns, given the per-period Sharpe ratios of all
     * N trials (their variance is V).
     */
    public static Result ofReturns(double[] returns, double[] trialSharpes) {
        int t = returns.length;
        double mean = 0;
        for (double r : returns) {
            mean += r;
        }
        mean /= Math.max(1, t);
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (double r : returns) {
            double d = r - mean;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
        }
        m2 /= Math.max(1, t);
        m3 /= Math.max(1, t);
        m4 /= Math.max(1, t);
        double sd = Math.sqrt(m2 * t / Math.max(1, t - 1));
        double sr = sd > 0 ? mean / sd : Double.NaN;
        double skew = m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0;
        double kurt = m2 > 0 ? m4 / (m2 * m2) : 3;
        double v = variance(trialSharpes);
        double sr0 = expectedMaxSharpe(v, trialSharpes.length);
        double dsr = Double.isFinite(sr) ? probabilistic(sr, sr0, t, skew, kurt) : Double.NaN;
        return new Result(dsr, sr, sr0, trialSharpes.length, t, skew, kurt);
    }

    private static double variance(double[] xs) {
        int n = 0;
        double mean = 0;
        for (double x : xs) {
            if (Double.isFinite(x)) {
                mean += x;
                n++;
            }
        }
        if (n < 2) {
            return 0;
        }
        mean /= n;
        double s = 0;
        for (double x : xs) {
            if (Double.isFinite(x)) {
                s += (x - mean) * (x - mean);
            }
        }
        return s / (n - 1);
    }
}
