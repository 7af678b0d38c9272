package com.forexdiffusion.core.parallel;

import com.forexdiffusion.core.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalTaskPoolTest {
    static final AtomicInteger SETUPS = new AtomicInteger();

    /** Doubles its input, counting one set-up per group; a negative input is refused by name. */
    record Twice() implements Task<Integer, Integer> {
        @Override
        public Integer apply(Integer x) {
            if (x < 0) {
                throw BadInputException.ofField("x", "negative: " + x);
            }
            return 2 * x;
        }

        @Override
        public List<Integer> applyAll(List<Integer> inputs) {
            SETUPS.incrementAndGet();
            return Task.super.applyAll(inputs);
        }
    }

    @Test
    void groupsAreContiguousNearEqualAndAtMostFourPerSlot() {
        List<Integer> in = IntStream.range(0, 10).boxed().toList();
        List<ArrayList<Integer>> g = TaskPool.groups(in, 2);
        assertThat(g).hasSize(8);
        assertThat(g.stream().flatMap(List::stream).toList()).isEqualTo(in);
        assertThat(g).allMatch(x -> x.size() == 1 || x.size() == 2);
        assertThat(TaskPool.groups(in, 5)).hasSize(10);
        assertThat(TaskPool.groups(List.of(), 3)).isEmpty();
    }

    @Test
    void resultsComeInTheInputsOrderWithOneSetUpPerGroup() {
        SETUPS.set(0);
        List<Integer> in = IntStream.range(0, 40).boxed().toList();
        long[] last = new long[2];
        List<Integer> out = new LocalTaskPool(3).map(in, new Twice(), (d, t) -> {
            assertThat(d).isGreaterThan(last[0]);
            last[0] = d;
            last[1] = t;
        });
        assertThat(out).isEqualTo(in.stream().map(x -> 2 * x).toList());
        assertThat(SETUPS.get()).isEqualTo(12);
        assertThat(last).containsExactly(40, 40);
    }

    @Test
    void aFailingTaskIsRethrownAsItself() {
        assertThatThrownBy(() -> new LocalTaskPool(2).map(List.of(1, 2, -3, 4), new Twice(), (d, t) -> { }))
                .isInstanceOf(BadInputException.class).hasMessageContaining("field 'x'").hasMessageContaining("-3");
        assertThatThrownBy(() -> new LocalTaskPool(0)).hasMessageContaining("workers");
    }
}
