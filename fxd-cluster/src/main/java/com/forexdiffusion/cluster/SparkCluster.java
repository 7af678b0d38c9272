package com.forexdiffusion.cluster;

import com.forexdiffusion.core.BadInputException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

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

    /** The jars on this JVM's class path that are not Spark's, Scala's or Hadoop's own. */
    static List<String> applicationJars() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> p.endsWith(".jar"))
                .filter(p -> !new File(p).getName().matches("(spark|scala|hadoop)-.*"))
                .toList();
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
