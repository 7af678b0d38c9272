package com.forexdiffusion.trading.broker.fill;

import com.forexdiffusion.core.Bar;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.trading.broker.IntrabarBars;
import com.forexdiffusion.trading.broker.OrderType;
import com.forexdiffusion.trading.broker.PendingOrder;
import com.forexdiffusion.trading.broker.Position;
import com.forexdiffusion.trading.broker.Side;

import java.util.Optional;

/**
 * Fills from one closed bar of bid prices (SPEC §7), resolved conservatively. Buys execute at the ask (bid + spread),
 * sells at the bid. A stop entry triggers at its level, or at the open when the bar gaps through it, and slips; a
 * limit entry fills at its level, or at the open when that is better. An open position's stop and target are
 * checked the same way (a gap through the stop fills at the open); a bar touching both counts as the stop unless
 * lower-timeframe bars show the target came first.
 */
public final class BarFillModel implements FillModel {
    private final IntrabarBars intrabar;

    /** @param intrabar lower-timeframe bars that order a stop and a target touched by one bar, or null for none */
    public BarFillModel(IntrabarBars intrabar) {
        this.intrabar = intrabar;
    }

    @Override
    public Optional<EntryFill> entry(PendingOrder o, Bar bar, double spread, double slip) {
        boolean buy = o.side() == Side.BUY;
        double shift = buy ? spread : 0;
        double open = bar.open() + shift;
        double high = bar.high() + shift;
        double low = bar.low() + shift;
        double level = o.level();
        int sign = o.side().sign();
        if (o.type() == OrderType.STOP) {
            if (buy ? open >= level : open <= level) {
                return Optional.of(new EntryFill(open, open + sign * slip, true));
            }
            if (buy ? high >= level : low <= level) {
                return Optional.of(new EntryFill(level, level + sign * slip, false));
            }
            return Optional.empty();
        }
        if (buy ? open <= level : open >= level) {
            return Optional.of(new EntryFill(open, open, true));
        }
        if (buy ? low <= level : high >= level) {
            return Optional.of(new EntryFill(level, level, false));
        }
        return Optional.empty();
    }

    @Override
    public Exit exit(Position p, Timeframe timeframe, Bar bar, double spread, double slip) {
        Touch t = touch(p, bar, spread);
        if (t == Touch.BOTH) {
            t = intrabarTouch(p, timeframe, bar, spread);
        }
        return priced(p, t, spread, slip);
    }

    @Override
    public Exit exitAfterEntry(Position p, Bar bar, double touch, double spread, double slip) {
        if (p.stop() == null) {
            return Exit.NONE;
        }
        boolean isLong = p.side() == Side.BUY;
        // The position's own side of the quote at the fill: a long's entry touched the ask, a short's the bid.
        double closeSideAtFill = isLong ? touch - spread : touch + spread;
        boolean reached = isLong ? bar.low() <= p.stop() : bar.high() + spread >= p.stop();
        if (!reached) {
            return Exit.NONE;
        }
        double trigger = isLong ? Math.min(p.stop(), closeSideAtFill) : Math.max(p.stop(), closeSideAtFill);
        return priced(p, new Touch("stop", trigger), spread, slip);
    }

    /** What a bar does to a position before costs: nothing, its stop, its target, or both touched (order unknown). */
    private record Touch(String reason, double trigger) {
        static final Touch NONE = new Touch("none", Double.NaN);
        static final Touch BOTH = new Touch("both", Double.NaN);
    }

    private static Exit priced(Position p, Touch t, double spread, double slip) {
        // Triggers of shorts are at the ask: their spread is a cost against the bid as well.
        double shortSpread = p.side() == Side.SELL ? spread : 0;
        return switch (t.reason()) {
            case "stop" -> new Exit("stop", t.trigger() - p.side().sign() * slip, slip + shortSpread);
            case "target" -> new Exit("target", t.trigger(), shortSpread);
            default -> Exit.NONE;
        };
    }

    /** A gap through the stop fills at the open; a gap through the target fills at the open too, never better. */
    private static Touch touch(Position p, Bar bar, double spread) {
        boolean isLong = p.side() == Side.BUY;
        // Longs close at the bid, shorts at the ask (bid + spread).
        double hi = bar.high() + (isLong ? 0 : spread);
        double lo = bar.low() + (isLong ? 0 : spread);
        double op = bar.open() + (isLong ? 0 : spread);
        boolean stopHit = p.stop() != null && (isLong ? lo <= p.stop() : hi >= p.stop());
        boolean targetHit = p.target() != null && (isLong ? hi >= p.target() : lo <= p.target());
        boolean stopAtOpen = p.stop() != null && (isLong ? op <= p.stop() : op >= p.stop());
        if (stopHit && (!targetHit || stopAtOpen)) {
            return new Touch("stop", isLong ? Math.min(p.stop(), op) : Math.max(p.stop(), op));
        }
        if (targetHit && !stopHit) {
            return new Touch("target", isLong ? Math.max(p.target(), op) : Math.min(p.target(), op));
        }
        return stopHit ? Touch.BOTH : Touch.NONE;
    }

    /**
     * Both touched in one bar: the first lower-timeframe bar inside it that touches either decides; one that
     * touches both again counts as the stop, and so do missing lower-timeframe bars.
     */
    private Touch intrabarTouch(Position p, Timeframe timeframe, Bar bar, double spread) {
        boolean isLong = p.side() == Side.BUY;
        Touch conservative = new Touch("stop", isLong ? Math.min(p.stop(), bar.open()) : Math.max(p.stop(),
                bar.open() + spread));
        BarSeries inner = intrabar == null ? null : intrabar.within(p.symbol(), bar.ts(), timeframe.next(bar.ts()));
        if (inner == null) {
            return conservative;
        }
        for (int i = 0; i < inner.size(); i++) {
            Touch t = touch(p, inner.bar(i), spread);
            if (t == Touch.BOTH) {
                return conservative;
            }
            if (t != Touch.NONE) {
                return t;
            }
        }
        // The lower bars never reach either level (they disagree with the bar): trust the bar, conservatively.
        return conservative;
    }
}
