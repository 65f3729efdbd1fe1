package dev.ferrum.db;

import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.JdbiException;

/** Maps constraint violations to the 409/400 answers Ironic gives; anything else stays a server error. */
final class SqlErrors {
    private SqlErrors() {
    }

    /**
     * @param messages constraint name → message built from the values being written
     */
    static RuntimeException translate(JdbiException e, Map<String, Function<Map<String, Object>, String>> messages,
                                      Map<String, Object> values) {
        SQLException sql = findSql(e);
        if (sql == null) {
            return e;
        }
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        String text = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
        if (state.startsWith("23")) {
            for (var entry : messages.entrySet()) {
                if (text.contains(entry.getKey())) {
                    String msg = entry.getValue().apply(values);
                    ErrorCode code = entry.getKey().startsWith("fk_") ? ErrorCode.INVALID : ErrorCode.CONFLICT;
                    return new FerrumException(code, msg, e);
                }
            }
            return new FerrumException(ErrorCode.CONFLICT, "The request conflicts with an existing object.", e);
        }
        return e;
    }

    private static SQLException findSql(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }
}
