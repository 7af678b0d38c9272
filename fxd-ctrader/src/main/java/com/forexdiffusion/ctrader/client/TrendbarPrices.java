package com.forexdiffusion.ctrader.client;

import com.forexdiffusion.core.Bar;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Timeframe;
import com.xtrader.protocol.openapi.v2.model.ProtoOATrendbar;
import com.xtrader.protocol.openapi.v2.model.ProtoOATrendbarPeriod;

/**
 * Trendbar prices (SPEC §9): integers in 1/100000 of the price, the low absolute and open, high and close as
 * deltas above it. x / 1e5 in double arithmetic is the double nearest to the decimal price, the same double a CSV
 * parser makes of "1.12345": stored and fetched bars compare exactly.
 */
public final class TrendbarPrices {
    public static final double SCALE = 100_000.0;

    private TrendbarPrices() {
    }

    public static Bar toBar(ProtoOATrendbar t) {
        long low = t.getLow();
        return new Bar(t.getUtcTimestampInMinutes() * 60_000L, (low + t.getDeltaOpen()) / SCALE,
                (low + t.getDeltaHigh()) / SCALE, low / SCALE, (low + t.getDeltaClose()) / SCALE, t.getVolume());
    }

    /** The trendbar of a bar whose prices lie on the 1/100000 grid (others are rounded to it). */
    public static ProtoOATrendbar fromBar(Bar b, Timeframe tf) {
        long low = units(b.low());
        return ProtoOATrendbar.newBuilder().setPeriod(period(tf)).setLow(low)
                .setDeltaOpen(units(b.open()) - low).setDeltaHigh(units(b.high()) - low)
                .setDeltaClose(units(b.close()) - low).setVolume(Math.round(b.volume()))
                .setUtcTimestampInMinutes((int) (b.ts() / 60_000L)).build();
    }

    public static long units(double price) {
        return Math.round(price * SCALE);
    }

    public static ProtoOATrendbarPeriod period(Timeframe tf) {
        return ProtoOATrendbarPeriod.valueOf(tf.name());
    }

    public static Timeframe timeframe(ProtoOATrendbarPeriod p) {
        try {
            return Timeframe.valueOf(p.name());
        } catch (IllegalArgumentException e) {
            throw new FxdException("cTrader period " + p + " has no timeframe");
        }
    }
}
