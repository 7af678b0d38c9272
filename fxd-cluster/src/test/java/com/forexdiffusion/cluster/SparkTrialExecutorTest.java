package com.forexdiffusion.cluster;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.trading.optimisation.sampler.TestFunctions;
import com.forexdiffusion.trading.optimisation.sampler.TpeSampler;
import com.forexdiffusion.trading.optimisation.space.SearchSpaceFile;
import com.forexdiffusion.trading.optimisation.study.LocalTrialExecutor;
import com.forexdiffusion.trading.optimisation.study.Objective;
import com.forexdiffusion.trading.optimisation.study.StudyDefinition;
import com.forexdiffusion.trading.optimisation.study.StudyRunner;
import com.forexdiffusion.trading.optimisation.study.StudyStore;
import com.forexdiffusion.trading.optimisation.study.TrialExecutor;
import com.forexdiffusion.trading.optimisation.study.TrialOutcome;
import com.forexdiffusion.trading.optimisation.study.TrialRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Trials on Spark {@code local[2]}: the same study as on local threads, built once per executor JVM, clear errors. */
class SparkTrialExecutorTest {
    static final TestFunctions.Problem BRANIN = TestFunctions.branin();
    static final AtomicInteger OPENS = new AtomicInteger();
    static final Set<String> THREADS = ConcurrentHashMap.newKeySet();

    private static SparkCluster cluster;

    @TempDir
    Path dir;

    /** −Branin, counting how often an executor opened it and on which threads trials ran. */
    record Branin(String name) implements ObjectiveRecipe {
        @Override
        public String key() {
            return name;
        }

        @Override
        public Opened open() {
            OPENS.incrementAndGet();
            return new Opened() {
                @Override
                public TrialOutcome evaluate(Map<String, Object> p) {
                    THREADS.add(Thread.currentThread().getName());
                    if (p.containsKey("fail")) {
                        throw BadInputException.ofField("x1", "cannot be scored here");
                    }
                    double v = BRANIN.f().applyAsDouble(p);
                    // Ordered as the real objective's metrics are: Map.of iterates in an order that differs from
                    // JVM to JVM, and an executor is another JVM.
                    Map<String, Object> metrics = new java.util.LinkedHashMap<>();
                    metrics.put("folds", List.of(-v, -v / 2));
                    metrics.put("x1", p.get("x1"));
                    return new TrialOutcome(-v, metrics);
                }

                @Override
                public void close() {
                }
            };
        }
    }

    @BeforeAll
    static void connect() {
        cluster = SparkCluster.connect("cluster", "local[2]", "fxd-cluster test");
    }

    @AfterAll
    static void disconnect() {
        cluster.close();
    }

    private List<TrialRecord> study(String file, TrialExecutor executor) {
        try (Database db = Database.open("sqlite:" + dir.resolve(file))) {
            return StudyRunner.builder().store(new StudyStore(db, "test"))
                    .definition(new StudyDefinition("branin", "tpe", 7, 2, SearchSpaceFile.toJson(BRANIN.space()),
                            "{\"f\":\"branin\"}"))
                    .space(BRANIN.space()).sampler(TpeSampler.builder().startup(4).build()).executor(executor)
                    .trials(12).build().run();
        }
    }

    static List<String> figures(List<TrialRecord> trials) {
        return trials.stream().map(t -> t.number() + " " + t.params() + " " + t.objective() + " " + t.metrics())
                .toList();
    }

    @Test
    void aStudyOnTheClusterEqualsTheSameStudyOnLocalThreads() {
        Objective local = new Branin("local").open();
        List<TrialRecord> here;
        try (TrialExecutor e = new LocalTrialExecutor(local, 2)) {
            here = study("local.db", e);
        }
        OPENS.set(0);
        THREADS.clear();
        List<TrialRecord> there;
        try (TrialExecutor e = new SparkTrialExecutor(cluster, new Branin("remote"))) {
            assertThat(e.parallelism()).isEqualTo(2);
            there = study("cluster.db", e);
        }
        assertThat(there).hasSize(12);
        assertThat(figures(there)).isEqualTo(figures(here));
        // The trials are not all alike, so equal lists say something; TPE's later trials beat its random start.
        assertThat(there.stream().map(TrialRecord::objective).distinct().count()).isEqualTo(12);
        // Opened once for all twelve trials, and run on Spark's executor threads, not the caller's.
        assertThat(OPENS.get()).isEqualTo(1);
        assertThat(THREADS).allMatch(t -> t.startsWith("Executor task launch worker"));
    }

    @Test
    void aFailingTrialIsOneClearErrorNotSparksJobAbort() {
        try (TrialExecutor e = new SparkTrialExecutor(cluster, new Branin("failing"))) {
            assertThatThrownBy(() -> e.evaluate(List.of(Map.of("x1", 1.0, "x2", 2.0, "fail", true))))
                    .isInstanceOf(FxdException.class)
                    .hasMessageContaining("field 'x1'").hasMessageContaining("cannot be scored here")
                    .hasMessageNotContaining("Job aborted");
        }
    }

    @Test
    void aMasterOfAnotherFormIsAUsageErrorNamingTheOption() {
        for (String url : List.of("yarn", "local[0]", "spark://", "http://127.0.0.1:7077", "local[2")) {
            assertThatThrownBy(() -> SparkCluster.connect("cluster", url, "x")).as(url)
                    .isInstanceOf(BadInputException.class).hasMessageContaining("cluster")
                    .hasMessageContaining("spark://HOST:PORT");
        }
    }
}
