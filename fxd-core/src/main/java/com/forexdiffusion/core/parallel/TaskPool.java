package com.forexdiffusion.core.parallel;

import com.forexdiffusion.core.ProgressListener;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs independent tasks, on threads of this process ({@link LocalTaskPool}) or on a cluster: the results come back
 * in the order of the inputs whatever order the tasks ran in, so a caller that combines them in that order gets the
 * same answer on one machine as on many.
 */
public interface TaskPool {
    /** Groups per slot: enough for the slots to even out uneven groups, few enough to pay a task's set-up rarely. */
    int GROUPS_PER_SLOT = 4;

    /**
     * The task applied to every input, the inputs handed out in contiguous groups ({@link Task#applyAll}); the first
     * failure is rethrown as it is when it is one of the project's own (a
     * {@link com.forexdiffusion.core.FxdException} names its cause).
     *
     * @param progress inputs done of the inputs' count, as their groups end
     */
    <T extends Serializable, R extends Serializable> List<R> map(List<T> inputs, Task<T, R> task,
                                                                 ProgressListener progress);

    /** Tasks that run at once: how finely a caller should cut its work. */
    int parallelism();

    /** The inputs cut into at most {@link #GROUPS_PER_SLOT} × {@code slots} contiguous groups of near-equal size. */
    static <T> List<ArrayList<T>> groups(List<T> inputs, int slots) {
        int n = Math.min(inputs.size(), Math.max(1, slots) * GROUPS_PER_SLOT);
        List<ArrayList<T>> out = new ArrayList<>(n);
        for (int g = 0; g < n; g++) {
            out.add(new ArrayList<>(inputs.subList((int) ((long) g * inputs.size() / n),
                    (int) ((long) (g + 1) * inputs.size() / n))));
        }
        return out;
    }
}
