package com.forexdiffusion.trading.optimisation.study;

import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.forexdiffusion.trading.optimisation.study.StudyResumeTest.TRIALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The optimisation study tables through {@link StudyStore}: the same tests on SQLite ({@link SqliteStudyStoreTest})
 * and PostgreSQL ({@link PostgresStudyStoreTest}).
 */
abstract class StudyStoreContract {
    /** A fresh, migrated database of the engine under test; {@code name} tells several of one test apart. */
    abstract Database open(String name);

    @Test
    void aStoppedParallelStudyResumesToTheSameSequence() {
        List<TrialRecord> full;
        try (Database db = open("full")) {
            full = StudyFixture.runner(new StudyStore(db, "test"), TRIALS, 2, StudyFixture.branin(0, null)).run();
        }
        try (Database db = open("stopped")) {
            StudyStore store = new StudyStore(db, "test");
            StudyFixture.runner(store, 7, 2, StudyFixture.branin(0, null)).run();
            // A trial left 'running' by a crash: it is run again with its stored parameters.
            store.start("branin", 7, full.get(7).params());
        }
        // A new process: the same database opened again resumes from what is stored.
        try (Database db = open("stopped")) {
            StudyStore store = new StudyStore(db, "test");
            AtomicInteger calls = new AtomicInteger();
            List<TrialRecord> resumed = StudyFixture.runner(store, TRIALS, 2, StudyFixture.branin(0, calls)).run();
            assertThat(StudyResumeTest.sequence(resumed)).isEqualTo(StudyResumeTest.sequence(full));
            assertThat(calls.get()).isEqualTo(TRIALS - 7);
            assertThat(resumed.get(3).metrics()).containsKey("folds");
        }
        // Parallel trials are as deterministic as sequential ones: the same study again gives the same figures.
        try (Database db = open("again")) {
            List<TrialRecord> again = StudyFixture.runner(new StudyStore(db, "test"), TRIALS, 2,
                    StudyFixture.branin(0, null)).run();
            assertThat(StudyResumeTest.sequence(again)).isEqualTo(StudyResumeTest.sequence(full));
        }
    }

    @Test
    void resumingWithAnotherSettingIsRefusedAndAFinishedTrialIsNeverOverwritten() {
        try (Database db = open("refuse")) {
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
