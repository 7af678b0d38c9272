package com.forexdiffusion.trading.broker;

import com.forexdiffusion.core.FxMarketHours;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * When swap is charged: at the 17:00 New York rollover of each trading day, Monday to Friday. Spot settles two
 * business days later, so Wednesday's rollover carries the weekend and counts three nights; Saturday and Sunday have
 * no rollover (the market is closed or just reopening). A week held pays seven nights.
 */
public final class SwapSchedule {
    private SwapSchedule() {
    }

    /** The nights charged at the rollover of {@code date} (17:00 New York that day): 0 on weekends. */
    public static int nights(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        return switch (d) {
            case SATURDAY, SUNDAY -> 0;
            case WEDNESDAY -> 3;
            default -> 1;
        };
    }

    /** A rollover that charges swap: its time (epoch ms) and the nights it counts. */
    public record Rollover(long at, int nights) {
    }

    /** The rollovers in (from, until] that charge swap, in time order. */
    public static List<Rollover> between(long from, long until) {
        List<Rollover> out = new ArrayList<>();
        for (LocalDate d = FxMarketHours.tradingDate(from).minusDays(1); FxMarketHours.rolloverAt(d) <= until;
             d = d.plusDays(1)) {
            long r = FxMarketHours.rolloverAt(d);
            if (r > from && nights(d) > 0) {
                out.add(new Rollover(r, nights(d)));
            }
        }
        return out;
    }

    /** The first rollover (of any day, weekends too) after {@code until}: bars before it need no calendar work. */
    public static long firstAfter(long from, long until) {
        LocalDate d = FxMarketHours.tradingDate(from).minusDays(1);
        while (FxMarketHours.rolloverAt(d) <= until) {
            d = d.plusDays(1);
        }
        return FxMarketHours.rolloverAt(d);
    }

    /** The nights charged for holding from {@code from} to {@code to} (epoch ms): every rollover in (from, to]. */
    public static int nightsBetween(long from, long to) {
        int n = 0;
        for (LocalDate d = FxMarketHours.tradingDate(from).minusDays(1); FxMarketHours.rolloverAt(d) <= to;
             d = d.plusDays(1)) {
            if (FxMarketHours.rolloverAt(d) > from) {
                n += nights(d);
            }
        }
        return n;
    }
}
