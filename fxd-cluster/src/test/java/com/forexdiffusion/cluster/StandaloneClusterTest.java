package com.forexdiffusion.cluster;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.parallel.Task;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.trading.optimisation.sampler.TpeSampler;
import com.forexdiffusion.trading.optimisation.space.SearchSpaceFile;
import com.forexdiffusion.trading.optimisation.study.LocalTrialExecutor;
import com.forexdiffusion.trading.optimisation.study.StudyDefinition;
import com.forexdiffusion.trading.optimisation.study.StudyRunner;
import com.forexdiffusion.trading.optimisation.study.StudyStore;
import com.forexdiffusion.trading.optimisation.study.TrialExecutor;
import com.forexdiffusion.trading.optimisation.study.TrialRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real standalone Spark cluster on 127.0.0.1: a master and a worker, each a process of its own started from this
 * JVM's class path, and the executor a third process the worker launches. What local[N] cannot show is checked here:
 * the driver ships the application's classes (packed from class directories), tasks and results cross process
 * borders, and the results are still those of one machine.
 */
class StandaloneClusterTest {
    private static final List<Process> DAEMONS = new ArrayList<>();
    private static Path home;
    private static String master;
    private static SparkCluster cluster;

    /** The square of the input and the process that computed it; a negative input is refused by name. */
    record Square() implements Task<Integer, Square.Done> {
        record Done(int value, long pid) implements Serializable {
        }

        @Override
        public Done apply(Integer x) {
            if (x < 0) {
                throw BadInputException.ofField("x", "must not be negative, got " + x);
            }
            return new Done(x * x, ProcessHandle.current().pid());
        }
    }

    @BeforeAll
    static void startCluster() throws Exception {
        home = Files.createTempDirectory("fxd-spark-home-");
        Path jars = Files.createDirectories(home.resolve("jars"));
        // The daemons' own class path, as a Spark distribution's jars/ folder would be: everything but the
        // project's modules, which the driver has to ship.
        for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(p);
            String name = jar.getFileName().toString();
            if (p.endsWith(".jar") && !name.startsWith("fxd-") && Files.isRegularFile(jar)
                    && !Files.exists(jars.resolve(name))) {
                Files.createSymbolicLink(jars.resolve(name), jar.toAbsolutePath());
            }
        }
        int port = freePort();
        master = "spark://127.0.0.1:" + port;
        daemon("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--webui-port", String.valueOf(freePort()));
        awaitLine("master", "I have been elected leader");
        daemon("worker", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "2", "--memory",
                "2g", "--webui-port", String.valueOf(freePort()), master);
        awaitLine("worker", "Successfully registered with master");
        cluster = SparkCluster.connect("cluster", master, "fxd standalone test");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        for (Process p : DAEMONS) {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void tasksRunInAnotherProcessAndComeBackInTheirOrder() {
        SparkTaskPool pool = new SparkTaskPool(cluster);
        List<Integer> inputs = IntStream.range(0, 12).boxed().toList();
        long[] last = new long[2];
        List<Square.Done> out = pool.map(inputs, new Square(), (done, total) -> {
            last[0] = done;
            last[1] = total;
        });
        assertThat(out).extracting(Square.Done::value).containsExactly(0, 1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121);
        assertThat(out).extracting(Square.Done::pid).doesNotContain(ProcessHandle.current().pid());
        assertThat(last).containsExactly(12, 12);
        assertThatThrownBy(() -> pool.map(List.of(3, -2), new Square(), ProgressListener.NONE))
                .isInstanceOf(FxdException.class).hasMessageContaining("field 'x'")
                .hasMessageContaining("must not be negative, got -2").hasMessageNotContaining("Job aborted");
    }

    @Test
    void aStudyOnTheStandaloneClusterEqualsTheSameStudyOnLocalThreads() {
        List<TrialRecord> here;
        try (TrialExecutor e = new LocalTrialExecutor(new SparkTrialExecutorTest.Branin("local").open(), 2)) {
            here = study(e);
        }
        List<TrialRecord> there;
        try (TrialExecutor e = new SparkTrialExecutor(cluster, new SparkTrialExecutorTest.Branin("standalone"))) {
            assertThat(e.parallelism()).isEqualTo(2);
            there = study(e);
        }
        assertThat(there).hasSize(10);
        assertThat(SparkTrialExecutorTest.figures(there)).isEqualTo(SparkTrialExecutorTest.figures(here));
    }

    private static List<TrialRecord> study(TrialExecutor executor) {
        try (Database db = Database.open("sqlite:" + Files.createTempDirectory(home, "study").resolve("s.db"))) {
            return StudyRunner.builder().store(new StudyStore(db, "test"))
                    .definition(new StudyDefinition("branin", "tpe", 7, 2,
                            SearchSpaceFile.toJson(SparkTrialExecutorTest.BRANIN.space()), "{\"f\":\"branin\"}"))
                    .space(SparkTrialExecutorTest.BRANIN.space()).sampler(TpeSampler.builder().startup(4).build())
                    .executor(executor).trials(10).build().run();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static void daemon(String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", home.resolve("jars") + File.separator + "*", mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(home.resolve(name + ".log").toFile());
        // The worker builds the executor's command from SPARK_HOME/jars; without a distribution it cannot tell the
        // Scala version, so it is named.
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        DAEMONS.add(pb.start());
    }

    private static void awaitLine(String name, String text) throws Exception {
        Path log = home.resolve(name + ".log");
        for (int i = 0; i < 600; i++) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (!DAEMONS.get(DAEMONS.size() - 1).isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the Spark " + name + " did not say '" + text + "':\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
