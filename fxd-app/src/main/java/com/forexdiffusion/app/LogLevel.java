package com.forexdiffusion.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.forexdiffusion.core.BadInputException;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * How much the libraries may log. By default logback.xml lets them only warn (and silences the GPU probe and
 * Flyway's info lines, which nobody can act on); {@code FXD_LOG=LEVEL} or {@code --verbose} (info) set one level
 * for every logger instead, the more detailed of the two winning.
 */
final class LogLevel {
    static final String VARIABLE = "FXD_LOG";

    private LogLevel() {
    }

    /** The level FXD_LOG asks for, or null when it is unset or blank (logback.xml's levels stay). */
    static Level fromEnvironment(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Level level = switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "error" -> Level.ERROR;
            case "warn" -> Level.WARN;
            case "info" -> Level.INFO;
            case "debug" -> Level.DEBUG;
            case "trace" -> Level.TRACE;
            default -> null;
        };
        if (level == null) {
            throw BadInputException.ofField(VARIABLE, "must be error, warn, info, debug or trace, got '" + value + "'");
        }
        return level;
    }

    /** Applies the chosen level to every logger; with neither FXD_LOG nor --verbose nothing changes. */
    static void apply(Level fromEnvironment, boolean verbose) {
        Level level = verbose && (fromEnvironment == null || fromEnvironment.isGreaterOrEqual(Level.WARN))
                ? Level.INFO : fromEnvironment;
        if (level == null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (Logger logger : context.getLoggerList()) {
            logger.setLevel(logger.getName().equals(Logger.ROOT_LOGGER_NAME) ? level : null);
        }
    }
}
