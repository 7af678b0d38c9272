package com.forexdiffusion.trading.paper;

import com.forexdiffusion.core.Clock;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.conformal.CalibrationMode;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;

/** A paper session in its own JVM, for the kill test: args DB_URL FROM_MS; prints "ready" then "done". */
public final class PaperSessionChild {
    private PaperSessionChild() {
    }

    /** The kill test is about crash safety: the momentum forecaster has no skill, so the skill gate is off. */
    static final com.fasterxml.jackson.databind.JsonNode NO_GATE;

    static {
        try {
            NO_GATE = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"skill_gate\": {\"enabled\": false}}");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static PaperTrader.Settings settings(long from) {
        return new PaperTrader.Settings("kill", "EURUSD", Timeframe.M5, "momentum", from, Long.MAX_VALUE, 600,
                "15,60", 9, 100_000, 7, CalibrationMode.ACI, NO_GATE);
    }

    public static void main(String[] args) {
        try (Database d = Database.open(args[0]);
             PaperTrader t = PaperTrader.open(d, settings(Long.parseLong(args[1])),
                     (name, hs) -> new MomentumFactory(), Clock.system())) {
            System.out.println("ready");
            System.out.flush();
            t.catchUp(s -> s, ProgressListener.NONE);
        }
        System.out.println("done");
    }
}
