package com.forexdiffusion.data.history;

/**
 * A remote source of historical bars (the cTrader Open API): what fxd-data knows of such a source. Implementations
 * split long ranges, keep within the source's rate limit and reconnect on their own; what they deliver is final.
 */
public interface HistorySource {
    /** Where the bars come from ("ctrader demo demo.ctraderapi.com:5035"): for reports and stored row sources. */
    String describe();

    /**
     * Fetches the closed bars of {@code request} and hands them to {@code sink} in time order.
     *
     * @throws com.forexdiffusion.core.FxdException when the source refuses the request or cannot be reached
     */
    void fetch(HistoryRequest request, HistorySink sink);
}
