package com.forexdiffusion.core.parallel;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One unit of independent work that a {@link TaskPool} may run on another machine: a serialisable function of a
 * serialisable input, so it must carry everything it reads as plain values (a database URL, a data range) and open
 * it where it runs.
 */
@FunctionalInterface
public interface Task<T extends Serializable, R extends Serializable> extends Serializable {
    R apply(T input);

    /**
     * A group of inputs in one go, results in their order: a pool hands a task its inputs in groups, so a task
     * whose set-up costs (opening a database, reading a year of bars) overrides this to pay it once per group.
     */
    default List<R> applyAll(List<T> inputs) {
        List<R> out = new ArrayList<>(inputs.size());
        for (T in : inputs) {
            out.add(apply(in));
        }
        return out;
    }
}
