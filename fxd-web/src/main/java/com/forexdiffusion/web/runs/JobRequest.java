package com.forexdiffusion.web.runs;

/**
 * A backtest or evaluation started from the page. Times are epoch ms UTC; {@code to} is exclusive, null for the end.
 */
public record JobRequest(Kind kind, String symbol, String timeframe, long from, Long to, String forecaster) {
    public enum Kind { BACKTEST, EVALUATE }
}
