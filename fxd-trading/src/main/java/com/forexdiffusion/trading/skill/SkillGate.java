package com.forexdiffusion.trading.skill;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.forecast.Forecast;

import java.util.List;
import java.util.Locale;

/**
 * The skill gate of one symbol's engine (SPEC §7): it keeps the rolling out-of-sample record of the forecasts the
 * engine trades on at one horizon, each against the random walk forecast from the same window, and says whether the
 * record shows skill. While it does not (still warming up, or no skill) the engine opens no position; exits run as
 * ever. It counts what it held back and why, for the report.
 * <p>
 * The random walk is the project's rw-ewma baseline (λ = 0.94) over the strategy's lookback window ending at the
 * decision bar: it needs no fit (rw-garch would need one on earlier data), reads only bars up to t, and is the
 * reference {@code fxd evaluate} reports CRPS ratios against, so a ratio here means what it means there.
 */
public final class SkillGate {
    static final double EWMA_LAMBDA = 0.94;
    private final SkillGateConfig cfg;
    private final Horizon horizon;
    private final SkillRecord record;
    private final RandomWalkReference reference;
    private final double z;
    private long signals;
    private long stoodAside;
    private long decisionBars;
    private long warmupBars;
    private long noSkillBars;
    private Long firstOpenAt;
    private long closures;
    private boolean wasOpen;

    /**
     * @param horizons the strategy's horizons: the judged one must be among them
     * @param lookback the bars of the window the random walk reads (the strategy's lookback)
     */
    public SkillGate(SkillGateConfig cfg, List<Horizon> horizons, int lookback) {
        this.cfg = cfg;
        Horizon shortest = horizons.stream().min(java.util.Comparator.comparingInt(Horizon::minutes)).orElseThrow();
        this.horizon = cfg.horizonMinutes() == null ? shortest : new Horizon(cfg.horizonMinutes());
        if (!horizons.contains(horizon)) {
            throw BadInputException.ofField("skill_gate.horizon", horizon.minutes() + " min is not one of the strategy's "
                    + "horizons " + horizons.stream().map(Horizon::minutes).toList());
        }
        this.record = new SkillRecord(cfg.window());
        this.reference = new RandomWalkReference(lookback, EWMA_LAMBDA);
        this.z = WilsonBound.z(cfg.confidence());
    }

    public boolean enabled() {
        return cfg.enabled();
    }

    public Horizon horizon() {
        return horizon;
    }

    /** The bar labelled {@code barTs} closed: the forecasts it resolves enter the record. */
    public void onBarClose(long barTs, double close) {
        if (cfg.enabled()) {
            record.onBarClose(barTs, close);
        }
    }

    /**
     * The forecast the engine would trade at bar {@code index} of {@code series} joins the record, with the random
     * walk's from the lookback bars ending there (nothing after {@code index} is read); both wait for their outcome.
     */
    public void observe(Forecast judged, BarSeries series, int index) {
        if (!cfg.enabled()) {
            return;
        }
        record.add(judged.at(horizon), reference.at(series, index, horizon), judged.lastClose());
    }

    /** The record itself: tests in this package feed it resolved forecasts without building bars. */
    SkillRecord record() {
        return record;
    }

    /** The verdict's state alone: what every decision bar asks, without the words the report reads. */
    private Verdict.State judge() {
        if (!cfg.enabled()) {
            return Verdict.State.OFF;
        }
        if (record.size() < cfg.warmup()) {
            return Verdict.State.WARMING_UP;
        }
        long calls = record.calls();
        boolean crpsSkill = record.crpsRatio() < cfg.maxCrpsRatio();
        boolean directionSkill = calls > 0 && WilsonBound.lowerAtZ(record.hits(), calls, z) > cfg.minDirectionLcb();
        boolean skill = cfg.requireBoth() ? crpsSkill && directionSkill : crpsSkill || directionSkill;
        return skill ? Verdict.State.OPEN : Verdict.State.NO_SKILL;
    }

    /** Whether the record shows skill now, and why (or why not). */
    public Verdict verdict() {
        if (!cfg.enabled()) {
            return new Verdict(Verdict.State.OFF, "off", record.size(), Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double ratio = record.crpsRatio();
        long calls = record.calls();
        double accuracy = calls == 0 ? Double.NaN : (double) record.hits() / calls;
        double lcb = calls == 0 ? Double.NaN : WilsonBound.lowerAtZ(record.hits(), calls, z);
        if (record.size() < cfg.warmup()) {
            return new Verdict(Verdict.State.WARMING_UP, String.format(Locale.ROOT, "warming up: %d of %d resolved "
                    + "forecasts", record.size(), cfg.warmup()), record.size(), ratio, accuracy, lcb, calls);
        }
        boolean crpsSkill = ratio < cfg.maxCrpsRatio();
        boolean directionSkill = lcb > cfg.minDirectionLcb();
        boolean skill = cfg.requireBoth() ? crpsSkill && directionSkill : crpsSkill || directionSkill;
        String crps = String.format(Locale.ROOT, "CRPS ratio to the random walk %.3f %s %.2f", ratio,
                crpsSkill ? "<" : ">=", cfg.maxCrpsRatio());
        String direction = calls == 0 ? "no directional call" : String.format(Locale.ROOT,
                "direction accuracy lower bound %.3f %s %.2f (%.1f%% of %d calls)", lcb, directionSkill ? ">" : "<=",
                cfg.minDirectionLcb(), 100 * accuracy, calls);
        String why;
        if (skill) {
            why = cfg.requireBoth() ? crps + " and " + direction : crpsSkill ? crps : direction;
        } else if (cfg.requireBoth() && crpsSkill != directionSkill) {
            why = crpsSkill ? direction : crps;
        } else {
            why = crps + " and " + direction;
        }
        return new Verdict(skill ? Verdict.State.OPEN : Verdict.State.NO_SKILL, (skill ? "skill: " : "no skill: ")
                + why, record.size(), ratio, accuracy, lcb, calls);
    }

    /**
     * The engine is about to act on {@code selected} signals at the decision bar of {@code time}: true when the gate
     * lets it; the bar and the signals are counted either way.
     */
    public boolean allows(long time, int selected) {
        Verdict.State v = judge();
        if (v == Verdict.State.OFF) {
            return true;
        }
        decisionBars++;
        signals += selected;
        boolean open = v == Verdict.State.OPEN;
        if (open && firstOpenAt == null) {
            firstOpenAt = time;
        }
        if (!open) {
            stoodAside += selected;
            if (v == Verdict.State.WARMING_UP) {
                warmupBars++;
            } else {
                noSkillBars++;
            }
            if (wasOpen) {
                closures++;
            }
        }
        wasOpen = open;
        return open;
    }

    /**
     * The gate's judgement at one instant.
     *
     * @param resolved    resolved forecasts in the window
     * @param crpsRatio   mean CRPS of the model over the random walk's in the window (NaN: none)
     * @param accuracy    share of directional calls that were right (NaN: no call)
     * @param directionLcb lower bound of its Wilson interval at the configured confidence (NaN: no call)
     */
    public record Verdict(State state, String reason, int resolved, double crpsRatio, double accuracy,
                          double directionLcb, long calls) {
        public enum State {
            OFF, WARMING_UP, NO_SKILL, OPEN;

            public String label() {
                return name().toLowerCase(Locale.ROOT).replace('_', ' ');
            }
        }
    }

    /**
     * What the gate did over a run: its setting, its verdict at the end, the decision bars it saw and those it held
     * closed (warming up, no skill), the signals the engine would otherwise have acted on and those it stood aside
     * on, when it first opened and how often it closed again.
     */
    public record Summary(SkillGateConfig config, int horizonMinutes, Verdict end, long resolvedTotal,
                          long decisionBars, long warmupBars, long noSkillBars, long signals, long stoodAside,
                          Long firstOpenAt, long closures) {
        public long gatedBars() {
            return warmupBars + noSkillBars;
        }

        /** One sentence for the report: when and why the engine stood aside. */
        public String sentence() {
            if (!config.enabled()) {
                return "skill gate off: every signal traded whatever the forecaster's record";
            }
            String first = firstOpenAt == null ? "it never opened" : "it first opened at "
                    + java.time.Instant.ofEpochMilli(firstOpenAt) + (closures == 0 ? "" : " and closed " + closures
                    + " time(s) after");
            return String.format(Locale.ROOT, "skill gate (%d min, latest %d resolved forecasts): stood aside on %d of "
                            + "%d signals, %d of %d decision bars closed (%d warming up, %d with no skill); %s; at the "
                            + "end: %s", horizonMinutes, config.window(), stoodAside, signals, gatedBars(),
                    decisionBars, warmupBars, noSkillBars, first, end.reason());
        }
    }

    public Summary summary() {
        return new Summary(cfg, horizon.minutes(), verdict(), record.resolved(), decisionBars, warmupBars,
                noSkillBars, signals, stoodAside, firstOpenAt, closures);
    }

    /** The record and the counts: with them a resumed paper session judges and reports as one never stopped. */
    public record State(SkillRecord.State record, long signals, long stoodAside, long decisionBars, long warmupBars,
                        long noSkillBars, Long firstOpenAt, long closures, boolean wasOpen) {
    }

    public State state() {
        return new State(record.state(), signals, stoodAside, decisionBars, warmupBars, noSkillBars, firstOpenAt,
                closures, wasOpen);
    }

    public void restore(State s) {
        record.restore(s.record());
        signals = s.signals();
        stoodAside = s.stoodAside();
        decisionBars = s.decisionBars();
        warmupBars = s.warmupBars();
        noSkillBars = s.noSkillBars();
        firstOpenAt = s.firstOpenAt();
        closures = s.closures();
        wasOpen = s.wasOpen();
    }
}
