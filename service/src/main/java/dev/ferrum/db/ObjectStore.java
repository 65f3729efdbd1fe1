package dev.ferrum.db;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.Json;
import dev.ferrum.common.objects.Field;
import dev.ferrum.common.objects.FieldType;
import dev.ferrum.common.objects.ObjectSpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Rows of one object table as maps of field name → Java value (String, Boolean, Integer, JsonNode,
 * LocalDateTime in UTC), plus the internal {@code id}. Every write is a single statement, so a failed
 * request never leaves a half-written row.
 */
public final class ObjectStore {
    private final Database db;
    private final ObjectSpec spec;
    private final List<Field> columns;
    private final String selectColumns;
    private final Map<String, Function<Map<String, Object>, String>> constraintMessages;

    public ObjectStore(Database db, ObjectSpec spec, Map<String, Function<Map<String, Object>, String>> constraintMessages) {
        this.db = Objects.requireNonNull(db);
        this.spec = Objects.requireNonNull(spec);
        this.columns = spec.storedFields();
        this.selectColumns = "id, " + columns.stream().map(Field::name).collect(Collectors.joining(", "));
        this.constraintMessages = Map.copyOf(constraintMessages);
    }

    public ObjectSpec spec() {
        return spec;
    }

    public static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    public Map<String, Object> insert(Map<String, Object> values) {
        return db.jdbi().withHandle(h -> insert(h, values));
    }

    /** Inserts within the caller's handle (and transaction, if one is open). */
    public Map<String, Object> insert(Handle h, Map<String, Object> values) {
        Map<String, Object> v = new LinkedHashMap<>(values);
        v.putIfAbsent("created_at", now());
        List<Field> cols = columns.stream().filter(f -> v.containsKey(f.name())).toList();
        String sql = "INSERT INTO " + spec.table() + " (" + cols.stream().map(Field::name).collect(Collectors.joining(", "))
                + ") VALUES (" + cols.stream().map(f -> "?").collect(Collectors.joining(", ")) + ")";
        try {
            return writeOne(h, sql, stmt -> bindColumns(stmt, 0, cols, v), v.get("uuid")).orElseThrow();
        } catch (JdbiException e) {
            throw SqlErrors.translate(e, constraintMessages, v);
        }
    }

    /**
     * Whether a write can hand back the row it wrote (RETURNING) instead of reading it again: on PostgreSQL, where
     * each statement is a round trip to another process on the same cores. H2 runs in this process, and MariaDB
     * has no UPDATE ... RETURNING.
     */
    private boolean returning() {
        return db.dialect() == Dialect.POSTGRESQL;
    }

    public Optional<Map<String, Object>> get(String column, Object value) {
        return db.jdbi().withHandle(h -> get(h, column, value));
    }

    public Optional<Map<String, Object>> get(Handle h, String column, Object value) {
        return getOne(h, column, value, columns, false);
    }

    /** {@code SELECT id, cols FROM table WHERE column = ?}: the one row, JSON columns parsed or as stored. */
    private Optional<Map<String, Object>> getOne(Handle h, String column, Object value, List<Field> cols, boolean stored) {
        return h.createQuery("SELECT " + select(cols) + " FROM " + spec.table() + " WHERE " + column + " = ?")
                .bind(0, direct(value))
                .map((rs, ctx) -> read(rs, cols, stored))
                .findFirst();
    }

    /** Updates the given fields of the row with this uuid; returns the new row, empty if it is gone. */
    public Optional<Map<String, Object>> update(String uuid, Map<String, Object> changes) {
        return update(uuid, changes, List.of(), null);
    }

    /** A row to insert beside an update: a node's history event beside the change it records. */
    public record Row(String table, Map<String, Object> values) {
    }

    /**
     * Updates the given fields of the row with this uuid and inserts {@code alongside} with it, atomically; with
     * {@code releaseFrom}, also clears {@code reservation} if that holder has it (a conductor worker's last write
     * and the release of its lock). On PostgreSQL it is one statement, the inserts in a data-modifying WITH: a
     * worker's settling transition, its history and the release were three round trips to another process on the
     * same cores. Elsewhere one transaction. Returns the new row, empty if it is gone.
     */
    public Optional<Map<String, Object>> update(String uuid, Map<String, Object> changes, List<Row> alongside, String releaseFrom) {
        Map<String, Object> v = new LinkedHashMap<>(changes);
        v.put("updated_at", now());
        List<Field> cols = columns.stream().filter(f -> v.containsKey(f.name())).toList();
        String update = "UPDATE " + spec.table() + " SET " + cols.stream().map(f -> f.name() + " = ?")
                .collect(Collectors.joining(", "))
                + (releaseFrom == null ? "" : ", reservation = CASE WHEN reservation = ? THEN NULL ELSE reservation END")
                + " WHERE uuid = ?";
        try {
            if (alongside.isEmpty() || returning()) {
                List<String> with = new ArrayList<>();
                for (Row row : alongside) {
                    with.add("row" + with.size() + " AS (" + insertSql(row) + ")");
                }
                return writeOne((with.isEmpty() ? "" : "WITH " + String.join(", ", with) + " ") + update, stmt -> {
                    int n = 0;
                    for (Row row : alongside) {
                        n = bindValues(stmt, n, row.values().values());
                    }
                    bindUpdate(stmt, n, cols, v, releaseFrom, uuid);
                }, uuid);
            }
            return db.jdbi().inTransaction(h -> {
                alongside.forEach(row -> insert(h, row));
                return writeOne(h, update, stmt -> bindUpdate(stmt, 0, cols, v, releaseFrom, uuid), uuid);
            });
        } catch (JdbiException e) {
            throw SqlErrors.translate(e, constraintMessages, v);
        }
    }

    /** Inserts a plain row within the caller's handle. */
    static void insert(Handle h, Row row) {
        var insert = h.createUpdate(insertSql(row));
        bindValues(insert, 0, row.values().values());
        insert.execute();
    }

    private static String insertSql(Row row) {
        return "INSERT INTO " + row.table() + " (" + String.join(", ", row.values().keySet()) + ") VALUES ("
                + row.values().keySet().stream().map(k -> "?").collect(Collectors.joining(", ")) + ")";
    }

    /** Binds plain values (text, numbers, timestamps, null as text) from parameter {@code from}; the next index. */
    private static int bindValues(SqlStatement<?> stmt, int from, java.util.Collection<?> values) {
        int n = from;
        for (Object value : values) {
            if (value == null) {
                stmt.bindNull(n++, Types.VARCHAR);
            } else {
                stmt.bind(n++, direct(value));
            }
        }
        return n;
    }

    private static void bindUpdate(SqlStatement<?> stmt, int from, List<Field> cols, Map<String, Object> v, String releaseFrom,
                                   String uuid) {
        int n = bindColumns(stmt, from, cols, v);
        if (releaseFrom != null) {
            stmt.bind(n++, direct(releaseFrom));
        }
        stmt.bind(n, direct(uuid));
    }

    /**
     * {@code UPDATE table SET assignments WHERE (condition) AND uuid = ?}, with {@code args} bound to the
     * assignments' and the condition's parameters in order: the row as changed, empty if none matched. The
     * fragments are the caller's own SQL, never input.
     */
    public Optional<Map<String, Object>> updateWhere(String uuid, String assignments, String condition, Object... args) {
        String sql = "UPDATE " + spec.table() + " SET " + assignments + " WHERE (" + condition + ") AND uuid = ?";
        return writeOne(sql, stmt -> stmt.bind(bindValues(stmt, 0, java.util.Arrays.asList(args)), direct(uuid)), uuid);
    }

    /**
     * Runs a write of the one row with this uuid and hands back the row as written, empty if the write matched
     * none: in the same statement with RETURNING where {@link #returning()}, else by reading it again in the same
     * handle.
     */
    private Optional<Map<String, Object>> writeOne(Handle h, String sql, Consumer<SqlStatement<?>> bind, Object uuid) {
        if (returning()) {
            var q = h.createQuery(sql + " RETURNING " + selectColumns);
            bind.accept(q);
            return q.map((rs, ctx) -> read(rs)).findFirst();
        }
        var stmt = h.createUpdate(sql);
        bind.accept(stmt);
        return stmt.execute() == 0 ? Optional.empty() : get(h, "uuid", uuid);
    }

    /** The same on a handle of its own: one statement needs no transaction, a write and its re-read do. */
    private Optional<Map<String, Object>> writeOne(String sql, Consumer<SqlStatement<?>> bind, Object uuid) {
        return returning()
                ? db.jdbi().withHandle(h -> writeOne(h, sql, bind, uuid))
                : db.jdbi().inTransaction(h -> writeOne(h, sql, bind, uuid));
    }

    /** Binds the values of {@code cols}, in order, from parameter {@code from}; the next index. */
    private static int bindColumns(SqlStatement<?> stmt, int from, List<Field> cols, Map<String, Object> v) {
        for (int i = 0; i < cols.size(); i++) {
            bind(stmt, from + i, cols.get(i).type(), v.get(cols.get(i).name()));
        }
        return from + cols.size();
    }

    public boolean delete(Handle h, String uuid) {
        return h.createUpdate("DELETE FROM " + spec.table() + " WHERE uuid = ?").bind(0, uuid).execute() > 0;
    }

    public boolean delete(String uuid) {
        return db.jdbi().withHandle(h -> delete(h, uuid));
    }

    public boolean exists(List<Condition> where) {
        List<Object> binds = new ArrayList<>();
        String q = "SELECT 1 FROM " + spec.table() + whereClause(where, binds) + " LIMIT 1";
        return db.jdbi().withHandle(h -> bindAll(h.createQuery(q), binds).mapTo(Integer.class).findFirst().isPresent());
    }

    /** Row counts per distinct value of a column, NULL first then by value. */
    public List<Map.Entry<String, Long>> countBy(String column) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT " + column + ", COUNT(*) FROM " + spec.table() + " GROUP BY " + column)
                .map((rs, ctx) -> Map.entry(String.valueOf(rs.getString(1)), rs.getLong(2))).list())
                .stream()
                .sorted(java.util.Comparator.comparing((Map.Entry<String, Long> e) -> !e.getKey().equals("null"))
                        .thenComparing(Map.Entry::getKey))
                .toList();
    }

    public List<Map<String, Object>> list(ListQuery q) {
        return list(q, null, false);
    }

    /**
     * One page to render: rows hold only {@code id} and the given columns (every column when {@code only} is null),
     * and JSON columns come back unparsed, as {@link Json.Stored}.
     */
    public List<Map<String, Object>> listForView(ListQuery q, java.util.Set<String> only) {
        return list(q, only, true);
    }

    /** The columns of {@code only}, all when null. */
    private List<Field> columns(java.util.Set<String> only) {
        return only == null ? columns : columns.stream().filter(f -> only.contains(f.name())).toList();
    }

    /** The select list for {@code cols} (all of them when it is {@link #columns(java.util.Set)} of null). */
    private String select(List<Field> cols) {
        return cols == columns ? selectColumns : "id" + cols.stream().map(f -> ", " + f.name()).collect(Collectors.joining());
    }

    /**
     * The row whose {@code column} (unique) is {@code value}, read as {@link #listForView} reads rows. No ORDER BY
     * and LIMIT: PostgreSQL may then walk the primary key in order instead of using the column's index.
     */
    public Optional<Map<String, Object>> getForView(String column, Object value, java.util.Set<String> only) {
        return db.jdbi().withHandle(h -> getOne(h, column, value, columns(only), true));
    }

    private List<Map<String, Object>> list(ListQuery q, java.util.Set<String> only, boolean stored) {
        List<Field> cols = columns(only);
        List<Object> binds = new ArrayList<>();
        List<Condition> where = new ArrayList<>(q.where());
        Field sortField = "id".equals(q.sortKey()) ? null : spec.field(q.sortKey());
        boolean nullable = sortField != null && sortField.nullable();
        if (q.marker() != null) {
            where.add(Pagination.after(q.sortKey(), nullable, q.descending(), q.marker()));
        }
        String dir = q.descending() ? " DESC" : " ASC";
        String select = select(cols);
        StringBuilder sql = new StringBuilder("SELECT ").append(select).append(" FROM ").append(spec.table())
                .append(whereClause(where, binds)).append(" ORDER BY ");
        if (nullable) {
            // NULLs first ascending and last descending on every engine, matching Pagination.after().
            sql.append("CASE WHEN ").append(q.sortKey()).append(" IS NULL THEN 0 ELSE 1 END").append(dir).append(", ");
        }
        if (sortField != null) {
            sql.append(q.sortKey()).append(dir).append(", ");
        }
        sql.append("id").append(dir);
        if (q.limit() > 0) {
            sql.append(" LIMIT ").append(q.limit());
        }
        return db.jdbi().withHandle(h -> bindAll(h.createQuery(sql.toString()), binds).map((rs, ctx) -> read(rs, cols, stored)).list());
    }

    /**
     * Hands every row matching {@code where} to {@code each}, in id order, reading {@code pageSize} rows at a time,
     * so a sweep over a large inventory (100,000 nodes) never holds it all in memory.
     */
    public void forEachPage(List<Condition> where, int pageSize, java.util.function.Consumer<Map<String, Object>> each) {
        Map<String, Object> marker = null;
        while (true) {
            List<Map<String, Object>> page = list(new ListQuery(where, "id", false, pageSize, marker));
            page.forEach(each);
            if (page.size() < pageSize) {
                return;
            }
            marker = page.getLast();
        }
    }

    static String whereClause(List<Condition> where, List<Object> binds) {
        if (where.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (Condition c : where) {
            switch (c) {
                case Condition.Eq eq -> {
                    parts.add(eq.column() + " = ?");
                    binds.add(eq.value());
                }
                case Condition.IsNull n -> parts.add(n.column() + (n.isNull() ? " IS NULL" : " IS NOT NULL"));
                case Condition.In in -> {
                    if (in.values().isEmpty()) {
                        parts.add("1 = 0");
                    } else {
                        parts.add(in.column() + " IN (" + in.values().stream().map(x -> "?").collect(Collectors.joining(", ")) + ")");
                        binds.addAll(in.values());
                    }
                }
                case Condition.Contains ct -> {
                    // '!' escapes LIKE's wildcards the same way on every engine (a backslash does not).
                    parts.add("LOWER(" + ct.column() + ") LIKE ? ESCAPE '!'");
                    binds.add("%" + ct.text().toLowerCase().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
                }
                case Condition.Sql s -> {
                    parts.add("(" + s.fragment() + ")");
                    binds.addAll(s.binds());
                }
            }
        }
        return " WHERE " + String.join(" AND ", parts);
    }

    static <T extends SqlStatement<T>> T bindAll(T stmt, List<Object> binds) {
        bindValues(stmt, 0, binds);
        return stmt;
    }

    private static void bind(SqlStatement<?> stmt, int i, FieldType type, Object value) {
        if (value == null || (value instanceof JsonNode j && j.isNull())) {
            stmt.bindNull(i, switch (type) {
                case BOOLEAN -> Types.BOOLEAN;
                case INTEGER -> Types.INTEGER;
                case DATETIME -> Types.TIMESTAMP;
                default -> Types.VARCHAR;
            });
            return;
        }
        switch (type) {
            case OBJECT, LIST -> stmt.bind(i, direct(Json.write(value)));
            case BOOLEAN -> stmt.bind(i, direct((Boolean) value));
            case INTEGER -> stmt.bind(i, direct((Integer) value));
            case DATETIME -> stmt.bind(i, direct((LocalDateTime) value));
            default -> stmt.bind(i, direct(value.toString()));
        }
    }

    /**
     * A value set straight on the statement by its JDBC type. Why: jdbi looks up an argument factory for each bound
     * value (qualifiers, generic types, config caches), which for a node's 60 columns cost more than the driver's
     * own binding; and it binds a LocalDateTime as a java.sql.Timestamp, which PostgreSQL's driver turns back with
     * a Calendar per value. Every driver here takes a LocalDateTime as it is (JDBC 4.2).
     */
    static Argument direct(Object value) {
        return switch (value) {
            case String s -> (p, ps, ctx) -> ps.setString(p, s);
            case Boolean b -> (p, ps, ctx) -> ps.setBoolean(p, b);
            case Integer n -> (p, ps, ctx) -> ps.setInt(p, n);
            case Long n -> (p, ps, ctx) -> ps.setLong(p, n);
            default -> (p, ps, ctx) -> ps.setObject(p, value);
        };
    }

    private Map<String, Object> read(ResultSet rs) throws SQLException {
        return read(rs, columns, false);
    }

    private static Map<String, Object> read(ResultSet rs, List<Field> cols, boolean storedJson) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>(cols.size() * 2);
        row.put("id", rs.getLong(1));
        int i = 2;
        for (Field f : cols) {
            boolean json = f.type() == FieldType.OBJECT || f.type() == FieldType.LIST;
            if (storedJson && json) {
                String text = rs.getString(i++);
                row.put(f.name(), text == null ? null : new Json.Stored(text));
            } else {
                row.put(f.name(), readColumn(rs, i++, f.type()));
            }
        }
        return row;
    }

    static Object readColumn(ResultSet rs, int i, FieldType type) throws SQLException {
        return switch (type) {
            case BOOLEAN -> {
                boolean b = rs.getBoolean(i);
                yield rs.wasNull() ? null : b;
            }
            case INTEGER -> {
                int n = rs.getInt(i);
                yield rs.wasNull() ? null : n;
            }
            case DATETIME -> rs.getObject(i, LocalDateTime.class);
            case OBJECT, LIST -> {
                String s = rs.getString(i);
                yield s == null ? null : Json.parseStored(s);
            }
            default -> rs.getString(i);
        };
    }
}
