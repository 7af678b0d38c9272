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
 */
public record SyntheticConfig(long seed, double startPrice, double annualVol, double alpha, double beta, int tDof,
                              boolean seasonality, boolean regimes, int digits) {
    public SyntheticConfig {
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
        return new SyntheticConfig(seed, price, annualVol, alpha, beta, tDof, seasonality, regimes, priceDigits);
    }

    public SyntheticConfig withSeasonality(boolean on) {
        return new SyntheticConfig(seed, startPrice, annualVol, alpha, beta, tDof, on, regimes, digits);
    }

    public SyntheticConfig withRegimes(boolean on) {
        return new SyntheticConfig(seed, startPrice, annualVol, alpha, beta, tDof, seasonality, on, digits);
    }
}
