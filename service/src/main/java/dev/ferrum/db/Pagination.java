package dev.ferrum.db;

import java.util.List;
import java.util.Map;

/** Keyset condition "rows after the marker" for a sort on (column, id), NULLs first ascending. */
final class Pagination {
    private Pagination() {
    }

    static Condition after(String column, boolean nullable, boolean desc, Map<String, Object> marker) {
        Object id = marker.get("id");
        if ("id".equals(column)) {
            return new Condition.Sql(desc ? "id < ?" : "id > ?", List.of(id));
        }
        Object v = marker.get(column);
        String cmp = desc ? "<" : ">";
        if (v == null) {
            // Marker sits in the NULL block: first block ascending, last descending.
            return desc
                    ? new Condition.Sql(column + " IS NULL AND id < ?", List.of(id))
                    : new Condition.Sql("(" + column + " IS NULL AND id > ?) OR " + column + " IS NOT NULL", List.of(id));
        }
        String base = column + " " + cmp + " ? OR (" + column + " = ? AND id " + cmp + " ?)";
        if (nullable && desc) {
            base += " OR " + column + " IS NULL";
        }
        return new Condition.Sql(base, List.of(v, v, id));
    }
}
