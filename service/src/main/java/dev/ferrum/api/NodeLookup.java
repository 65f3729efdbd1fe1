package dev.ferrum.api;

import dev.ferrum.common.FerrumException;
import dev.ferrum.db.ObjectStore;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/** Finds a node, port group… by UUID or, from the version names were introduced, by logical name. */
final class NodeLookup {
    private NodeLookup() {
    }

    static Map<String, Object> byIdent(ObjectStore store, String ident, int minor, int namesSince) {
        return byIdent(store, ident, minor, namesSince, store::get);
    }

    /**
     * The same, read as a listing reads rows: JSON columns unparsed ({@link ObjectStore#getForView}), to render or
     * to page after (a marker's sort key is never a JSON field). Why: parsing a node's JSON columns, only to write
     * them out again, was a tenth of a listing page and of a GET.
     */
    static Map<String, Object> viewByIdent(ObjectStore store, String ident, int minor, int namesSince) {
        return byIdent(store, ident, minor, namesSince, (column, value) -> store.getForView(column, value, null));
    }

    private static Map<String, Object> byIdent(ObjectStore store, String ident, int minor, int namesSince,
                                               BiFunction<String, Object, Optional<Map<String, Object>>> get) {
        if (Inputs.isUuid(ident)) {
            String uuid = Inputs.uuid(ident);
            return get.apply("uuid", uuid).orElseThrow(() -> notFound(store, ident));
        }
        if (minor < namesSince) {
            throw notFound(store, ident); // names do not exist yet at this version
        }
        if (!Inputs.isLogicalName(ident)) {
            throw FerrumException.invalid("Expected a logical name or UUID but received %s.", ident);
        }
        return get.apply("name", ident).orElseThrow(() -> notFound(store, ident));
    }

    private static FerrumException notFound(ObjectStore store, String ident) {
        return FerrumException.notFound("%s %s could not be found.", store.spec().kind(), ident);
    }
}
