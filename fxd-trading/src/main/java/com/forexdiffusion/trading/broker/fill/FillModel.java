package com.forexdiffusion.trading.broker.fill;

import com.forexdiffusion.core.Bar;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.trading.broker.PendingOrder;
import com.forexdiffusion.trading.broker.Position;

import java.util.Optional;

/**
 * How a simulated broker turns a closed bar (bid prices) into fills. Costs are in price: {@code spread} is added to
 * the bid to get the ask, {@code slip} is what market and stop fills lose.
 */
public interface FillModel {
    /**
     * How a resting entry fills in this bar, or empty when the bar does not reach its level. The caller has checked
     * that the order was resting for the whole bar.
     */
    Optional<EntryFill> entry(PendingOrder o, Bar bar, double spread, double slip);

    /**
     * @param touch  the execution-side price at which the order triggered (its level, or the open when the bar
     *               gapped through it), before slippage
     * @param price  the fill price: a stop slips beyond the touch, a limit does not
     * @param gapped the bar opened beyond the level
     */
    record EntryFill(double touch, double price, boolean gapped) {
    }

    /** The stop-loss or take-profit this bar triggers for a position open before it, or {@link Exit#NONE}. */
    Exit exit(Position p, Timeframe timeframe, Bar bar, double spread, double slip);

    /**
     * The rest of the bar in which {@code p} was opened by a resting entry that triggered at {@code touch} (the
     * execution-side price before slippage): the stop is taken as hit when the bar reaches it, since the bar's low
     * or high may have come after the fill; a target is not, since it may have come before.
     */
    Exit exitAfterEntry(Position p, Bar bar, double touch, double spread, double slip);
}
