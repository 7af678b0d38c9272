package com.forexdiffusion.trading.skill;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.Horizon;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verdict from a record fed by hand: warm-up, skill by either criterion, none, and what is counted. */
class SkillGateTest {
    static final List<Horizon> HS = List.of(new Horizon(60), new Horizon(15));

    @Test
    void judgesTheShortestHorizonAndRejectsOneTheStrategyDoesNotForecast() {
        assertThat(new SkillGate(SkillGateConfig.defaults(), HS, 50).horizon()).isEqualTo(new Horizon(15));
        assertThat(new SkillGate(SkillGateConfig.defaults().toBuilder().horizonMinutes(60).build(), HS, 50).horizon())
                .isEqualTo(new Horizon(60));
        assertThatThrownBy(() -> new SkillGate(SkillGateConfig.defaults().toBuilder().horizonMinutes(30).build(), HS,
                50)).isInstanceOf(BadInputException.class).hasMessageContaining("skill_gate.horizon")
                .hasMessageContaining("[60, 15]");
        assertThatThrownBy(() -> SkillGateConfig.defaults().toBuilder().window(100).warmup(200).build())
                .isInstanceOf(BadInputException.class).hasMessageContaining("skill_gate.warmup");
    }

    @Test
    void warmUpThenDirectionSkillThenNoneAndEachStandAsideCounted() {
        SkillGateConfig cfg = SkillGateConfig.defaults().toBuilder().window(100).warmup(50).build();
        SkillGate g = new SkillGate(cfg, HS, 50);
        SkillRecord r = recordOf(g);
        assertThat(g.verdict().state()).isEqualTo(SkillGate.Verdict.State.WARMING_UP);
        assertThat(g.allows(1, 3)).isFalse();
        // Up forecasts of 1.01 from 1.00: a hit closes at 1.01 (model error 0, walk 0.01), a miss at 0.99 (model 0.02,
        // walk 0.01). 70 hits of 100: CRPS ratio (30·0.02) / (100·0.01) = 0.6 < 1 → skill.
        for (int i = 0; i < 100; i++) {
            boolean hit = i % 10 < 7;
            r.add(SkillRecordTest.f(i + 10, 1.01, 0), SkillRecordTest.f(i + 10, 1.00, 0), 1.00);
            r.onBarClose(i + 10, hit ? 1.01 : 0.99);
        }
        SkillGate.Verdict v = g.verdict();
        assertThat(v.crpsRatio()).isCloseTo(0.6, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(v.directionLcb()).isCloseTo(WilsonBound.lower(70, 100, 0.95),
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat(v.state()).isEqualTo(SkillGate.Verdict.State.OPEN);
        assertThat(v.reason()).startsWith("skill: CRPS ratio to the random walk 0.600 < 1.00");
        assertThat(g.allows(2, 2)).isTrue();
        // Then 100 forecasts with 40% hits: ratio (60·0.02)/(100·0.01) = 1.2, bound of 40/100 < 0.5 → no skill.
        for (int i = 0; i < 100; i++) {
            r.add(SkillRecordTest.f(i + 200, 1.01, 0), SkillRecordTest.f(i + 200, 1.00, 0), 1.00);
            r.onBarClose(i + 200, i % 10 < 4 ? 1.01 : 0.99);
        }
        v = g.verdict();
        assertThat(v.state()).isEqualTo(SkillGate.Verdict.State.NO_SKILL);
        assertThat(v.reason()).isEqualTo("no skill: CRPS ratio to the random walk 1.200 >= 1.00 and direction accuracy "
                + "lower bound 0.309 <= 0.50 (40.0% of 100 calls)");
        assertThat(g.allows(3, 4)).isFalse();
        SkillGate.Summary s = g.summary();
        assertThat(s.decisionBars()).isEqualTo(3);
        assertThat(s.warmupBars()).isEqualTo(1);
        assertThat(s.noSkillBars()).isEqualTo(1);
        assertThat(s.signals()).isEqualTo(9);
        assertThat(s.stoodAside()).isEqualTo(7);
        assertThat(s.firstOpenAt()).isEqualTo(2L);
        assertThat(s.closures()).isEqualTo(1);
        assertThat(s.sentence()).contains("stood aside on 7 of 9 signals").contains("1 warming up, 1 with no skill")
                .contains("at the end: no skill: CRPS ratio to the random walk 1.200 >= 1.00");
    }

    @Test
    void eitherCriterionSufficesUnlessBothAreRequired() {
        // 70 hits of 100, but the model's misses are far off: ratio (30·0.05)/(100·0.01) = 1.5; bound 0.604 > 0.5.
        SkillGateConfig either = SkillGateConfig.defaults().toBuilder().window(100).warmup(100).build();
        for (boolean both : new boolean[]{false, true}) {
            SkillGate g = new SkillGate(either.toBuilder().requireBoth(both).build(), HS, 50);
            SkillRecord r = recordOf(g);
            for (int i = 0; i < 100; i++) {
                boolean hit = i % 10 < 7;
                r.add(SkillRecordTest.f(i + 1, hit ? 1.01 : 1.04, 0), SkillRecordTest.f(i + 1, 1.00, 0), 1.00);
                r.onBarClose(i + 1, hit ? 1.01 : 0.99);
            }
            assertThat(g.verdict().crpsRatio()).isCloseTo(1.5, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(g.verdict().state()).as("require both: %s", both)
                    .isEqualTo(both ? SkillGate.Verdict.State.NO_SKILL : SkillGate.Verdict.State.OPEN);
            assertThat(g.verdict().reason()).isEqualTo(both
                    ? "no skill: CRPS ratio to the random walk 1.500 >= 1.00"
                    : "skill: direction accuracy lower bound 0.604 > 0.50 (70.0% of 100 calls)");
        }
    }

    @Test
    void offAllowsEverythingAndCountsNothing() {
        SkillGate g = new SkillGate(SkillGateConfig.disabled(), HS, 50);
        assertThat(g.allows(1, 5)).isTrue();
        assertThat(g.summary().signals()).isZero();
        assertThat(g.summary().sentence()).startsWith("skill gate off");
    }

    static SkillRecord recordOf(SkillGate g) {
        return g.record();
    }
}
