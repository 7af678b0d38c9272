package com.forexdiffusion.trading.broker;

/** Buy (long) or sell (short). */
public enum Side {
    BUY, SELL;

    public int sign() {
        return this == BUY ? 1 : -1;
    }

    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }

    public String db() {
        return this == BUY ? "buy" : "sell";
    }

    public static Side fromDb(String s) {
        return s.equals("buy") ? BUY : SELL;
    }
}
