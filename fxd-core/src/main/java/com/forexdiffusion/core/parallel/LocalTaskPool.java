package com.forexdiffusion.core.parallel;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.ProgressListener;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Tasks on {@code threads} threads of this process, the inputs in groups as on a cluster. */
public final class LocalTaskPool implements TaskPool {
    private final int threads;

    public LocalTaskPool(int threads) {
        if (threads < 1) {
            throw BadInputException.ofField("workers", "must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    @Override
    public <T extends Serializable, R extends Serializable> List<R> map(List<T> inputs, Task<T, R> task,
                                                                        ProgressListener progress) {
        List<ArrayList<T>> groups = TaskPool.groups(inputs, threads);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, groups.size())));
        try {
            long[] done = {0};
            List<Future<List<R>>> futures = new ArrayList<>();
            for (List<T> group : groups) {
                futures.add(pool.submit(() -> {
                    List<R> r = task.applyAll(group);
                    synchronized (done) { // a console bar is not written from two threads at once
                        done[0] += group.size();
                        progress.update(done[0], inputs.size());
                    }
                    return r;
                }));
            }
            List<R> out = new ArrayList<>(inputs.size());
            for (Future<List<R>> f : futures) {
                out.addAll(await(f));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> R await(Future<R> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new FxdException("a task failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FxdException("interrupted while tasks ran", e);
        }
    }

    @Override
    public int parallelism() {
        return threads;
    }
}
