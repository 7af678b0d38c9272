package com.forexdiffusion.trading.optimisation.study;

import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Studies in the database: a study killed with SIGKILL or stopped resumes to the uninterrupted trial sequence. */
class StudyResumeTest {
    private static final String PG = "jdbc:postgresql://" + System.getProperty("fxd.pg.host", "127.0.0.1:5432");
    private static final int TRIALS = 24;

    @TempDir
    Path dir;

    private Database open(String engine, String name) throws SQLException {
        if (engine.equals("sqlite")) {
            return Database.open("sqlite:" + dir.resolve(name + ".db"));
        }
        String db = "fxd_study_" + name;
        try (Connection c = DriverManager.getConnection(PG + "/postgres?user=postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + db);
        }
        return Database.open(PG + "/" + db + "?user=postgres");
    }

    private static void dropPg(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG + "/postgres?user=postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS fxd_study_" + name + " WITH (FORCE)");
        }
    }

    /** Trial number, parameters and objective: what must be equal between two runs. */
    private static List<String> sequence(List<TrialRecord> trials) {
        return trials.stream().map(t -> t.number() + " " + t.state() + " " + t.params() + " " + t.objective()).toList();
    }

    private List<TrialRecord> uninterrupted(String engine, int workers) throws SQLException {
        try (Database db = open(engine, "full" + workers)) {
            return StudyFixture.runner(new StudyStore(db, "test"), TRIALS, workers, StudyFixture.branin(0, null)).run();
        }
    }

    @Test
    void aStudyKilledWithSigkillResumesToTheUninterruptedSequence() throws Exception {
        List<TrialRecord> full = uninterrupted("sqlite", 1);
        Path file = dir.resolve("killed.db");
        try (Database db = Database.open("sqlite:" + file)) {
            StudyStore store = new StudyStore(db, "test");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    StudyChild.class.getName(), "sqlite:" + file, String.valueOf(TRIALS), "1", "150")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (doneCount(store) < 8) {
                assertThat(child.isAlive()).as("the child study is running (see child.log)").isTrue();
                assertThat(System.nanoTime()).as("8 trials within 60 s").isLessThan(deadline);
                Thread.sleep(20);
            }
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            List<TrialRecord> left = store.trials("branin");
            long done = left.stream().filter(t -> t.state() == TrialRecord.TrialState.DONE).count();
            assertThat(done).isBetween(8L, (long) TRIALS - 1);
            // What the killed process left is a prefix of the uninterrupted study.
            for (TrialRecord t : left) {
                if (t.state() == TrialRecord.TrialState.DONE) {
                    assertThat(sequence(List.of(t))).isEqualTo(sequence(List.of(full.get(t.number()))));
                }
            }
            AtomicInteger calls = new AtomicInteger();
            List<TrialRecord> resumed = StudyFixture.runner(store, TRIALS, 1, StudyFixture.branin(0, calls)).run();
            assertThat(sequence(resumed)).isEqualTo(sequence(full));
            // Only the trials not finished before the kill ran again: none lost, none run twice.
            assertThat(calls.get()).isEqualTo(TRIALS - (int) done);
        }
    }

    private static long doneCount(StudyStore store) {
        try {
            return store.trials("branin").stream().filter(t -> t.state() == TrialRecord.TrialState.DONE).count();
        } catch (FxdException e) {
            return 0; // the child may not have created the study yet
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aStoppedParallelStudyResumesToTheSameSequence(String engine) throws SQLException {
        try {
            List<TrialRecord> full = uninterrupted(engine, 2);
            try (Database db = open(engine, "stopped")) {
                StudyStore store = new StudyStore(db, "test");
                StudyFixture.runner(store, 7, 2, StudyFixture.branin(0, null)).run();
                // A trial left 'running' by a crash: it is run again with its stored parameters.
                store.start("branin", 7, full.get(7).params());
                AtomicInteger calls = new AtomicInteger();
                List<TrialRecord> resumed = StudyFixture.runner(store, TRIALS, 2, StudyFixture.branin(0, calls)).run();
                assertThat(sequence(resumed)).isEqualTo(sequence(full));
                assertThat(calls.get()).isEqualTo(TRIALS - 7);
                assertThat(resumed.get(3).metrics()).containsKey("folds");
            }
            // Parallel trials are as deterministic as sequential ones: the same study again gives the same figures.
            try (Database db = open(engine, "again")) {
                List<TrialRecord> again = StudyFixture.runner(new StudyStore(db, "test"), TRIALS, 2,
                        StudyFixture.branin(0, null)).run();
                assertThat(sequence(again)).isEqualTo(sequence(full));
            }
        } finally {
            if (engine.equals("postgresql")) {
                dropPg("full2");
                dropPg("stopped");
                dropPg("again");
            }
        }
    }

    @Test
    void resumingWithAnotherSettingIsRefusedAndAFinishedTrialIsNeverOverwritten() {
        try (Database db = Database.open("sqlite:" + dir.resolve("refuse.db"))) {
            StudyStore store = new StudyStore(db, "test");
            StudyFixture.runner(store, 6, 1, StudyFixture.branin(0, null)).run();
            assertThatThrownBy(() -> StudyFixture.runner(store, 6, 2, StudyFixture.branin(0, null)).run())
                    .isInstanceOf(FxdException.class).hasMessageContaining("another workers");
            assertThatThrownBy(() -> store.finish("branin", 2, new TrialOutcome(1, Map.of()), 0))
                    .hasMessageContaining("is not running");
            assertThat(store.trials("branin")).hasSize(6);
        }
    }
}
