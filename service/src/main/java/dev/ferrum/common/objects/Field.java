package dev.ferrum.common.objects;

import java.util.Set;

/**
 * One field of an API object: its wire name, type, the API microversion (1.N) it appears at, the one from
 * which clients may set it (usually the same), and what clients may do with it. {@code stored} fields are
 * columns of the object's table; the others are computed (links, conductor, traits).
 */
public record Field(String name, FieldType type, int since, int writeSince, Set<Access> access, boolean stored,
                    boolean nullable) {

    public enum Access {
        /** Accepted in a POST body. */
        CREATE,
        /** Accepted as a JSON Patch path. */
        PATCH
    }

    public boolean creatable() {
        return access.contains(Access.CREATE);
    }

    public boolean patchable() {
        return access.contains(Access.PATCH);
    }

    public boolean isJson() {
        return type == FieldType.OBJECT || type == FieldType.LIST;
    }
}
