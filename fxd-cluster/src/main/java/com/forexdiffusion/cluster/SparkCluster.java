package com.forexdiffusion.cluster;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.FxdException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A connection to Apache Spark: a standalone master ({@code spark://host:port}) or threads of this JVM
 * ({@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]} with F task attempts). The web UI is off, a
 * local master binds the driver to 127.0.0.1, and a remote one is sent this application's own jars (the executors
 * already have Spark's).
 */
public final class SparkCluster implements AutoCloseable {
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://[A-Za-z0-9.-]+:[0-9]{1,5}(,[A-Za-z0-9.-]+:[0-9]{1,5})*");

    private final JavaSparkContext context;

    private SparkCluster(JavaSparkContext context) {
        this.context = context;
    }

    /** Connects to {@code url}; a URL of another form is a usage error naming {@code field}. */
    public static SparkCluster connect(String field, String url, String appName) {
        check(field, url);
        boolean local = LOCAL.matcher(url).matches();
        SparkConf conf = new SparkConf().setMaster(url).setAppName(appName).set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false");
        if (local) {
            conf.set("spark.driver.bindAddress", "127.0.0.1").set("spark.driver.host", "127.0.0.1");
        } else {
            conf.setJars(applicationJars().toArray(String[]::new));
        }
        return new SparkCluster(new JavaSparkContext(conf));
    }

    /** Refuses a master URL of another form, so a command can say so before its slow set-up. */
    public static void check(String field, String url) {
        if (url == null || !(LOCAL.matcher(url).matches() || STANDALONE.matcher(url).matches())) {
            throw BadInputException.ofField(field, "must be spark://HOST:PORT, local, local[N] or local[*], got '"
                    + url + "'");
        }
    }

    /**
     * The jars on this JVM's class path that are not Spark's, Scala's or Hadoop's own; a class directory (a build
     * run from target/classes, not from the packaged jars) is packed into a jar of its own, since Spark ships only
     * jars to the executors.
     */
    static List<String> applicationJars() {
        List<String> jars = new ArrayList<>();
        for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File f = new File(p);
            if (p.endsWith(".jar") && !f.getName().matches("(spark|scala|hadoop)-.*")) {
                jars.add(p);
            } else if (f.isDirectory()) {
                jars.add(packed(f.toPath()).toString());
            }
        }
        return jars;
    }

    /** The directory's files in a temporary jar (deleted when this JVM exits), paths relative to it. */
    private static Path packed(Path dir) {
        try {
            Path jar = Files.createTempFile("fxd-classes-", ".jar");
            jar.toFile().deleteOnExit();
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                 Stream<Path> files = Files.walk(dir)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    out.putNextEntry(new JarEntry(dir.relativize(file).toString().replace(File.separatorChar, '/')));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new FxdException("cannot pack the class directory " + dir + " into a jar for the cluster: " + e, e);
        }
    }

    JavaSparkContext context() {
        return context;
    }

    /** Task slots the cluster offers: what a study's batch size defaults to. */
    public int parallelism() {
        return context.defaultParallelism();
    }

    @Override
    public void close() {
        context.close();
    }
}
