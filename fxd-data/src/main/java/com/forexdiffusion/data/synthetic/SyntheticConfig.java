package com.forexdiffusion.data.synthetic;

import com.forexdiffusion.core.BadInputException;

/**
 * Parameters of the synthetic market. Volatility is per year of FX trading minutes (5 × 1440 × 52).
 *
 * @param seed        every draw derives from it: the same config gives the same bars
 * @param startPrice  first open, in the quote currency
 * @param annualVol   target unconditional volatility of log returns per year (0.08 = 8%)
 * @param alpha       GARCH(1,1) reaction to the last squared shock
 * @param beta        GARCH(1,1) persistence of the last variance; alpha + beta < 1
 * @param tDof        degrees of freedom of the Student-t shocks (> 2; scaled to unit variance)
 * @param seasonality scale volatility by the trading session of the hour (Asia quiet, London/New York busy)
 * @param regimes     switch between calm, trending up, trending down and volatile regimes (a Markov chain)
 * @param digits      prices are rounded to this many decimals
 * @param autoregression a planted predictable component (none by default)
 */
public record SyntheticConfig(long seed, double startPrice, double annualVol, double alpha, double beta, int tDof,
                              boolean seasonality, boolean regimes, int digits, Autoregression autoregression) {
    /**
     * A known, predictable component: the log return of each block of {@code minutes} (blocks aligned to UTC
     * minutes since the epoch) has expected value {@code coefficient} times the previous block's, spread evenly over
     * the block's minutes. Block returns are then an AR(1) process, so about coefficient² of a block's variance is
     * predictable from the price path alone. A coefficient of 0 is a market with nothing to predict.
     */
    public record Autoregression(double coefficient, int minutes) {
        public static final Autoregression NONE = new Autoregression(0, 15);

        public Autoregression {
            if (!(Math.abs(coefficient) < 1)) {
                throw BadInputException.ofField("ar-coefficient", "must be in (-1, 1) for a stationary process, got "
                        + coefficient);
            }
            if (minutes < 1 || minutes > 1440) {
                throw BadInputException.ofField("ar-minutes", "must be between 1 and 1440, got " + minutes);
            }
        }

        public boolean active() {
            return coefficient != 0;
        }

        /**
         * The share of the variance of the return over the next {@code horizonMinutes} (a whole number of blocks,
         * from a block boundary) that the last block's return explains, for constant volatility: with m blocks and
         * coefficient a, (a + a² + … + aᵐ)² over m + 2·Σⱼ (m − j)·aʲ, both in units of a block's variance.
         */
        public double predictableShare(int horizonMinutes) {
            if (horizonMinutes % minutes != 0) {
                throw new IllegalArgumentException(horizonMinutes + " minutes are not whole blocks of " + minutes);
            }
            int m = horizonMinutes / minutes;
            double explained = 0;
            double variance = m;
            for (int j = 1; j <= m; j++) {
                explained += Math.pow(coefficient, j);
                variance += 2 * (m - j) * Math.pow(coefficient, j);
            }
            return explained * explained / variance;
        }
    }

    public SyntheticConfig(long seed, double startPrice, double annualVol, double alpha, double beta, int tDof,
                           boolean seasonality, boolean regimes, int digits) {
        this(seed, startPrice, annualVol, alpha, beta, tDof, seasonality, regimes, digits, Autoregression.NONE);
    }

    public SyntheticConfig {
        java.util.Objects.requireNonNull(autoregression, "autoregression");
        if (!(startPrice > 0) || !(annualVol > 0)) {
            throw BadInputException.ofField("synthetic", "start price and volatility must be positive");
        }
        if (alpha < 0 || beta < 0 || alpha + beta >= 1) {
            throw BadInputException.ofField("synthetic", "GARCH needs alpha, beta >= 0 and alpha + beta < 1, got "
                    + alpha + " + " + beta);
        }
        if (tDof <= 2) {
            throw BadInputException.ofField("synthetic", "Student-t degrees of freedom must be > 2, got " + tDof);
        }
        if (digits < 0 || digits > 10) {
            throw BadInputException.ofField("synthetic", "digits must be in [0, 10], got " + digits);
        }
    }

    /** EURUSD-like defaults: 8% a year, alpha 0.05, beta 0.90, t(5) shocks, sessions and regimes on. */
    public static SyntheticConfig defaults(long seed) {
        return new SyntheticConfig(seed, 1.10, 0.08, 0.05, 0.90, 5, true, true, 5);
    }

    /** Defaults with a start price typical of the instrument and its quote digits. */
    public static SyntheticConfig forInstrument(com.forexdiffusion.core.Instrument instrument, long seed) {
        double price = switch (instrument.symbol()) {
            case "EURUSD" -> 1.10;
            case "GBPUSD" -> 1.27;
            case "USDJPY" -> 145.0;
            case "USDCHF" -> 0.90;
            case "AUDUSD" -> 0.66;
            case "USDCAD" -> 1.35;
            case "NZDUSD" -> 0.61;
            default -> instrument.quoteCurrency().equals("JPY") ? 150.0 : 1.0;
        };
        return defaults(seed).withStartPrice(price, instrument.digits());
    }

    public SyntheticConfig withStartPrice(double price, int priceDigits) {
        return new SyntheticConfig(seed, price, annualVol, alpha, beta, tDof, seasonality, regimes, priceDigits,
                autoregression);
    }

    public SyntheticConfig withSeasonality(boolean on) {
        return new SyntheticConfig(seed, startPrice, annualVol, alpha, beta, tDof, on, regimes, digits, autoregression);
    }

    public SyntheticConfig withRegimes(boolean on) {
        return new SyntheticConfig(seed, startPrice, annualVol, alpha, beta, tDof, seasonality, on, digits,
                autoregression);
    }

    public SyntheticConfig withAnnualVol(double vol) {
        return new SyntheticConfig(seed, startPrice, vol, alpha, beta, tDof, seasonality, regimes, digits,
                autoregression);
    }

    public SyntheticConfig withAutoregression(Autoregression ar) {
        return new SyntheticConfig(seed, startPrice, annualVol, alpha, beta, tDof, seasonality, regimes, digits, ar);
    }
}
