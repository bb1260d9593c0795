package io.wirestream.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** Every log event of this JVM (any logger, DEBUG and up while open), as text with its throwable chain's messages. */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level rootLevel;

    private CapturedLogs() {
        rootLevel = root.getLevel();
    }

    /** Starts capturing; {@code debug} lowers the root level to DEBUG so the clients' config dumps are seen too. */
    public static CapturedLogs start(boolean debug) {
        return start(debug ? Level.DEBUG : null);
    }

    /** Starts capturing with the root level at {@code level} (null: as configured). */
    public static CapturedLogs start(Level level) {
        CapturedLogs logs = new CapturedLogs();
        logs.setContext(logs.root.getLoggerContext());
        logs.start();
        logs.root.addAppender(logs);
        if (level != null) {
            logs.root.setLevel(level);
        }
        return logs;
    }

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        lines.add(line.toString());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String text() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        root.detachAppender(this);
        root.setLevel(rootLevel);
        stop();
    }
}
