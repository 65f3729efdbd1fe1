package dev.ferrum.db;

import java.util.List;

/** One WHERE clause of a list query, on a column of the object's table. */
public sealed interface Condition {
    record Eq(String column, Object value) implements Condition {
    }

    record IsNull(String column, boolean isNull) implements Condition {
    }

    record In(String column, List<?> values) implements Condition {
    }

    /** Case-insensitive substring match (Ironic's {@code description_contains}). */
    record Contains(String column, String text) implements Condition {
    }

    /** Raw SQL fragment with positional binds, for filters that span tables (traits, conductors). */
    record Sql(String fragment, List<?> binds) implements Condition {
    }
}
