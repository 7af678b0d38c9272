package com.forexdiffusion.cluster;

import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.parallel.Task;
import com.forexdiffusion.core.parallel.TaskPool;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tasks on a Spark cluster, one partition per group of inputs ({@link TaskPool#groups}: up to four per task slot) so
 * the work spreads over every free slot. Spark retries a task whose executor was lost, which is safe because a
 * {@link Task} is a pure function of its input; {@code collect} keeps the groups' order.
 */
public final class SparkTaskPool implements TaskPool, AutoCloseable {
    private final SparkCluster cluster;
    private final boolean owned;

    /** On a connection the caller keeps and closes. */
    public SparkTaskPool(SparkCluster cluster) {
        this(cluster, false);
    }

    private SparkTaskPool(SparkCluster cluster, boolean owned) {
        this.cluster = cluster;
        this.owned = owned;
    }

    /** On a connection of its own to {@code url}, closed with the pool (see {@link SparkCluster#connect}). */
    public static SparkTaskPool connect(String field, String url, String appName) {
        return new SparkTaskPool(SparkCluster.connect(field, url, appName), true);
    }

    @Override
    public <T extends Serializable, R extends Serializable> List<R> map(List<T> inputs, Task<T, R> task,
                                                                        ProgressListener progress) {
        if (inputs.isEmpty()) {
            return List.of();
        }
        List<ArrayList<T>> groups = TaskPool.groups(inputs, parallelism());
        GroupEnds ends = new GroupEnds(groups.stream().mapToInt(List::size).toArray(), progress);
        cluster.context().sc().addSparkListener(ends);
        try {
            List<List<R>> out = cluster.context().parallelize(groups, groups.size())
                    .map(g -> (List<R>) new ArrayList<>(task.applyAll(g))).collect();
            progress.update(inputs.size(), inputs.size());
            return out.stream().flatMap(List::stream).toList();
        } catch (Exception e) { // collect() throws Spark's checked SparkException undeclared
            throw SparkFailures.cause(e, "a task");
        } finally {
            cluster.context().sc().removeSparkListener(ends);
        }
    }

    @Override
    public int parallelism() {
        return cluster.parallelism();
    }

    @Override
    public void close() {
        if (owned) {
            cluster.close();
        }
    }

    /** Counts the inputs of the groups (one Spark task each, by partition) that ended well, as the driver hears. */
    private static final class GroupEnds extends SparkListener {
        private final int[] sizes;
        private final ProgressListener progress;
        private final long total;
        private final AtomicLong done = new AtomicLong();

        GroupEnds(int[] sizes, ProgressListener progress) {
            this.sizes = sizes;
            this.progress = progress;
            this.total = java.util.Arrays.stream(sizes).asLongStream().sum();
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskInfo() != null && end.taskInfo().successful() && end.taskInfo().index() < sizes.length) {
                synchronized (progress) {
                    progress.update(Math.min(total, done.addAndGet(sizes[end.taskInfo().index()])), total);
                }
            }
        }
    }
}
