package com.forexdiffusion.trading.risk;

import com.forexdiffusion.core.FxMarketHours;
import com.forexdiffusion.trading.broker.Position;
import com.forexdiffusion.trading.broker.Side;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the account-level limits as bars arrive: the daily loss limit (measured from the equity at the start of
 * the New York trading day), the position count, the maximum holding time and the trailing stop. A pure function
 * of what it has been shown, so backtests and live runs decide alike.
 */
public final class RiskManager {
    private final RiskLimits limits;
    private LocalDate day;
    /** The rollover that ends the current trading day: until then the day cannot change. */
    private long dayEnd = Long.MIN_VALUE;
    private double dayStartEquity;
    private boolean haltedForDay;
    private final Map<String, Double> bestPrice = new HashMap<>();

    public RiskManager(RiskLimits limits) {
        this.limits = limits;
    }

    /** What the manager remembers between bars, so that a restarted paper session continues where it stopped. */
    public record State(String day, long dayEnd, double dayStartEquity, boolean haltedForDay,
                        Map<String, Double> bestPrice) {
    }

    public State state() {
        return new State(day == null ? null : day.toString(), dayEnd, dayStartEquity, haltedForDay,
                new java.util.TreeMap<>(bestPrice));
    }

    public void restore(State s) {
        day = s.day() == null ? null : LocalDate.parse(s.day());
        dayEnd = s.dayEnd();
        dayStartEquity = s.dayStartEquity();
        haltedForDay = s.haltedForDay();
        bestPrice.clear();
        bestPrice.putAll(s.bestPrice());
    }

    /** What the engine must do now. */
    public record Actions(boolean flattenAll, List<String> close, Map<String, Double> newStops) {
    }

    /**
     * Called on every bar with the current equity and open positions and the last bid per symbol.
     */
    public Actions onBar(long time, double equity, List<Position> open, Map<String, Double> bid,
                         java.util.function.ToDoubleFunction<String> pipSize) {
        if (time >= dayEnd) {
            LocalDate d = FxMarketHours.tradingDate(time);
            if (!d.equals(day)) {
                day = d;
                dayStartEquity = equity;
                haltedForDay = false;
            }
            dayEnd = FxMarketHours.rolloverAt(d);
        }
        if (!haltedForDay && equity <= dayStartEquity * (1 - limits.dailyLossPct() / 100)) {
            haltedForDay = true;
            return new Actions(true, open.stream().map(Position::id).toList(), Map.of());
        }
        List<String> close = new ArrayList<>();
        Map<String, Double> stops = new HashMap<>();
        for (Position p : open) {
            if (limits.maxHoldingMinutes() > 0 && time - p.openedAt() >= limits.maxHoldingMinutes() * 60_000L) {
                close.add(p.id());
                continue;
            }
            Double px = bid.get(p.symbol());
            if (limits.trailingStopPips() > 0 && px != null) {
                double best = bestPrice.merge(p.id(), px, p.side() == Side.BUY ? Math::max : Math::min);
                double trail = best - p.side().sign() * limits.trailingStopPips() * pipSize.applyAsDouble(p.symbol());
                boolean tighter = p.stop() == null || (trail - p.stop()) * p.side().sign() > 0;
                if (tighter) {
                    stops.put(p.id(), trail);
                }
            }
        }
        return new Actions(false, close, stops);
    }

    /** The lots an order may have under the exposure limits, and why fewer than asked (null when all). */
    public record Admission(double lots, String reason) {
        public boolean rejected() {
            return !(lots > 0);
        }
    }

    /**
     * SPEC §7 total exposure, across the portfolio: an order of {@code lots} adding {@code riskPerLot} at its stop and
     * {@code notionalPerLot} (account currency) to what the account already carries ({@code committed}, every
     * symbol) is reduced, on the lot grid, to what keeps the risk at the stops within
     * {@link RiskLimits#maxTotalExposurePct()} of equity (and the notional within {@link RiskLimits#maxNotionalPct()}
     * when set), or rejected when not even one lot step fits.
     */
    public Admission admit(Exposure committed, double lots, double riskPerLot, double notionalPerLot, double equity,
                           double lotStep) {
        // A relative tolerance, so that an order the sizer already fitted to the same room is not cut by rounding.
        double eps = 1e-9 * Math.max(1, equity);
        double riskRoom = limits.maxTotalExposurePct() / 100 * equity - committed.riskAtStops();
        double allowed = lots;
        String reason = null;
        if (lots * riskPerLot > riskRoom + eps) {
            allowed = riskRoom / riskPerLot;
            reason = String.format(java.util.Locale.ROOT, "total exposure limit of %s%% of equity: %.2f of %.2f "
                            + "already at risk at the stops", num(limits.maxTotalExposurePct()), committed.riskAtStops(),
                    limits.maxTotalExposurePct() / 100 * equity);
        }
        if (limits.maxNotionalPct() > 0) {
            double notionalRoom = limits.maxNotionalPct() / 100 * equity - committed.notional();
            if (allowed * notionalPerLot > notionalRoom + eps) {
                allowed = notionalRoom / notionalPerLot;
                reason = String.format(java.util.Locale.ROOT, "notional limit of %s%% of equity: %.2f of %.2f "
                        + "already open", num(limits.maxNotionalPct()), committed.notional(),
                        limits.maxNotionalPct() / 100 * equity);
            }
        }
        if (reason == null) {
            return new Admission(lots, null);
        }
        double onGrid = Math.max(0, Math.floor(allowed / lotStep + 1e-9)) * lotStep;
        onGrid = java.math.BigDecimal.valueOf(lotStep).multiply(java.math.BigDecimal.valueOf(Math.round(onGrid / lotStep)))
                .doubleValue();
        return new Admission(onGrid, onGrid > 0 ? "reduced from " + lots + " to " + onGrid + " lots by the " + reason
                : "rejected by the " + reason);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** Whether a new position may be opened now. */
    public boolean mayOpen(int openPositions) {
        return !haltedForDay && openPositions < limits.maxOpenPositions();
    }

    public boolean haltedForDay() {
        return haltedForDay;
    }
}
