package dev.ferrum.common.objects;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The field table of one API object type (node, port, …) and the table that stores it. */
public final class ObjectSpec {
    private final String kind;
    private final String table;
    private final Map<String, Field> fields;
    private final List<String> listFields;
    private final int since;
    private final Map<String, Object> defaults;
    private final int detailParamSince;
    private final Map<String, List<String>> computedFrom;

    private ObjectSpec(String kind, String table, int since, Map<String, Field> fields, List<String> listFields,
                       Map<String, Object> defaults, int detailParamSince, Map<String, List<String>> computedFrom) {
        this.computedFrom = Map.copyOf(computedFrom);
        this.defaults = Collections.unmodifiableMap(defaults);
        this.detailParamSince = detailParamSince;
        this.kind = kind;
        this.table = table;
        this.since = since;
        this.fields = Collections.unmodifiableMap(fields);
        this.listFields = List.copyOf(listFields);
    }

    /** Singular name used in messages: "Node", "Port", … */
    public String kind() {
        return kind;
    }

    public String table() {
        return table;
    }

    /** Microversion at which the object's endpoints appear. */
    public int since() {
        return since;
    }

    /** Microversion from which the object's list takes {@code ?detail=}: 1.43 for the older objects. */
    public int detailParamSince() {
        return detailParamSince;
    }

    public Map<String, Field> fields() {
        return fields;
    }

    public Field field(String name) {
        return fields.get(name);
    }

    /** Fields a plain (non-detail) list returns. */
    public List<String> listFields() {
        return listFields;
    }

    /**
     * The value a field takes when a client does not give one or removes it: {} for JSON objects,
     * false/"" for required booleans/strings unless declared otherwise, else null.
     */
    public Object defaultFor(String name) {
        if (defaults.containsKey(name)) {
            return defaults.get(name);
        }
        Field f = fields.get(name);
        if (f == null) {
            return null;
        }
        if (f.type() == FieldType.OBJECT) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!f.nullable() && f.type() == FieldType.BOOLEAN) {
            return false;
        }
        if (!f.nullable() && f.type() == FieldType.STRING) {
            return "";
        }
        return null;
    }

    /** A new object's values: a fresh uuid unless given, and every other stored field's default. */
    public Map<String, Object> withDefaults(Map<String, Object> values) {
        if (values.get("uuid") == null) {
            values.put("uuid", java.util.UUID.randomUUID().toString());
        }
        for (Field f : storedFields()) {
            if (!values.containsKey(f.name()) || (values.get(f.name()) == null && !f.nullable())) {
                values.put(f.name(), defaultFor(f.name()));
            }
        }
        values.remove("created_at");
        return values;
    }

    public List<Field> storedFields() {
        return fields.values().stream().filter(Field::stored).toList();
    }

    /**
     * The columns a view showing {@code shown} reads: those fields' columns, the columns their computed fields are
     * computed from, and {@code always} (keys, sort key); null (every column) when {@code shown} is null.
     * A plain list of 1,000 nodes then reads seven columns instead of parsing every JSON column of every row.
     */
    public java.util.Set<String> columnsFor(java.util.Collection<String> shown, String... always) {
        if (shown == null) {
            return null;
        }
        java.util.Set<String> cols = new java.util.LinkedHashSet<>(List.of(always));
        for (String name : shown) {
            Field f = fields.get(name);
            if (f != null && f.stored()) {
                cols.add(name);
            }
            cols.addAll(computedFrom.getOrDefault(name, List.of()));
        }
        cols.removeIf(c -> !"id".equals(c) && (fields.get(c) == null || !fields.get(c).stored()));
        return cols;
    }

    public boolean visible(String name, int minor) {
        Field f = fields.get(name);
        return f != null && f.since() <= minor;
    }

    static Builder builder(String kind, String table, int since) {
        return new Builder(kind, table, since);
    }

    static final class Builder {
        private final String kind;
        private final String table;
        private final int since;
        private final Map<String, Field> fields = new LinkedHashMap<>();
        private final List<String> listFields = new ArrayList<>();
        private final Map<String, Object> defaults = new LinkedHashMap<>();
        private int detailParamSince = 43;
        private final Map<String, List<String>> computedFrom = new LinkedHashMap<>();

        private Builder(String kind, String table, int since) {
            this.kind = kind;
            this.table = table;
            this.since = since;
        }

        /** A stored field, nullable, writable as the access set says. */
        Builder field(String name, FieldType type, int since, Field.Access... access) {
            return add(new Field(name, type, since, since, accessSet(access), true, true));
        }

        /** A stored field that is never null (defaults filled on create). */
        Builder required(String name, FieldType type, int since, Field.Access... access) {
            return add(new Field(name, type, since, since, accessSet(access), true, false));
        }

        /** A field computed when the object is shown, not a column, from the given columns (if any). */
        Builder computed(String name, FieldType type, int since, String... fromColumns) {
            computedFrom.put(name, List.of(fromColumns));
            return add(new Field(name, type, since, since, EnumSet.noneOf(Field.Access.class), false, true));
        }

        /** A field shown from its {@code since} version that clients may only set from {@code writeSince}. */
        Builder writableFrom(String name, int writeSince) {
            Field f = fields.get(name);
            return add(new Field(f.name(), f.type(), f.since(), writeSince, f.access(), f.stored(), f.nullable()));
        }

        /** Overrides the implied default of a field (see {@link ObjectSpec#defaultFor}). */
        Builder defaultTo(String name, Object value) {
            defaults.put(name, value);
            return this;
        }

        /** For objects whose list took {@code ?detail=} before 1.43. */
        Builder detailParamFrom(int version) {
            detailParamSince = version;
            return this;
        }

        Builder list(String... names) {
            listFields.addAll(List.of(names));
            return this;
        }

        ObjectSpec build() {
            return new ObjectSpec(kind, table, since, fields, listFields, defaults, detailParamSince, computedFrom);
        }

        private Builder add(Field f) {
            fields.put(f.name(), f);
            return this;
        }

        private static EnumSet<Field.Access> accessSet(Field.Access... access) {
            EnumSet<Field.Access> s = EnumSet.noneOf(Field.Access.class);
            s.addAll(List.of(access));
            return s;
        }
    }
}
