package dev.ferrum.cmd;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.FileAppender;
import dev.ferrum.common.config.Config;
import dev.ferrum.common.config.Options;
import org.slf4j.LoggerFactory;

/** Applies [DEFAULT]debug and [DEFAULT]log_file to the logback setup from logback.xml. */
final class Logging {
    private Logging() {
    }

    static void configure(Config config) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        if (config.get(Options.DEBUG)) {
            ctx.getLogger("dev.ferrum").setLevel(Level.DEBUG);
        }
        String file = config.get(Options.LOG_FILE);
        if (!file.isEmpty()) {
            PatternLayoutEncoder enc = new PatternLayoutEncoder();
            enc.setContext(ctx);
            enc.setPattern("%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n");
            enc.start();
            FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> app = new FileAppender<>();
            app.setContext(ctx);
            app.setFile(file);
            app.setEncoder(enc);
            app.start();
            root.detachAndStopAllAppenders();
            root.addAppender(app);
        }
    }
}
