package com.forexdiffusion.app;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The code version recorded with every run: the Maven version plus the git commit when the build knew it.
 */
public final class CodeVersion implements CommandLine.IVersionProvider {
    public static String current() {
        Properties p = new Properties();
        try (InputStream in = CodeVersion.class.getResourceAsStream("/fxd-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        String v = p.getProperty("version", "unknown");
        String commit = System.getProperty("fxd.commit");
        return (v.startsWith("$") ? "dev" : v) + (commit == null || commit.isBlank() ? "" : "+" + commit);
    }

    @Override
    public String[] getVersion() {
        return new String[]{"fxd " + current()};
    }
}
