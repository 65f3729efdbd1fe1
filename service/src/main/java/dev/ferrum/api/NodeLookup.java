package dev.ferrum.api;

import dev.ferrum.common.FerrumException;
import dev.ferrum.db.ObjectStore;
import java.util.Map;

/** Finds a node, port group… by UUID or, from the version names were introduced, by logical name. */
final class NodeLookup {
    private NodeLookup() {
    }

    static Map<String, Object> byIdent(ObjectStore store, String ident, int minor, int namesSince) {
        if (Inputs.isUuid(ident)) {
            String uuid = Inputs.uuid(ident);
            return store.get("uuid", uuid).orElseThrow(() -> notFound(store, ident));
        }
        if (minor < namesSince) {
            throw notFound(store, ident); // names do not exist yet at this version
        }
        if (!Inputs.isLogicalName(ident)) {
            throw FerrumException.invalid("Expected a logical name or UUID but received %s.", ident);
        }
        return store.get("name", ident).orElseThrow(() -> notFound(store, ident));
    }

    private static FerrumException notFound(ObjectStore store, String ident) {
        return FerrumException.notFound("%s %s could not be found.", store.spec().kind(), ident);
    }
}
