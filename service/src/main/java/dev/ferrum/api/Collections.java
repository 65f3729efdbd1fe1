package dev.ferrum.api;

import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferrum.common.objects.ObjectSpec;
import dev.ferrum.db.Condition;
import dev.ferrum.db.ListQuery;
import dev.ferrum.db.ObjectStore;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** The common shape of every collection GET: parse list params, query one page, render, add next. */
final class Collections {
    /** Renders a page of rows for the given list parameters. */
    interface PageRenderer {
        List<? extends JsonSerializable> render(Context ctx, List<Map<String, Object>> rows, Listing params);
    }

    private Collections() {
    }

    /** What to list: SQL conditions, the endpoint's filter parameter names, and an optional extra row test. */
    record Selection(List<Condition> where, Set<String> filters, Predicate<Map<String, Object>> keep) {
        static Selection of(List<Condition> where) {
            return new Selection(where, Set.of(), null);
        }
    }

    /**
     * @param markerLookup resolves the marker parameter to its row (404 when it does not exist)
     * @param path         URL path of this collection below /v1, for the next link
     */
    static void list(Context ctx, ObjectStore store, int maxLimit, boolean detailEndpoint, Selection sel,
                     Function<String, Map<String, Object>> markerLookup, String key, String path, PageRenderer renderer) {
        list(ctx, store, maxLimit, detailEndpoint, sel, markerLookup, key, path, renderer, null);
    }

    /**
     * @param columns null: the renderer gets whole, parsed rows. Otherwise the renderer takes rows as
     *                {@link ObjectStore#listForView} reads them, and this gives the columns it needs for these list
     *                parameters (null for all; rows with an extra test, {@code sel.keep()}, are always read whole)
     */
    static void list(Context ctx, ObjectStore store, int maxLimit, boolean detailEndpoint, Selection sel,
                     Function<String, Map<String, Object>> markerLookup, String key, String path, PageRenderer renderer,
                     Function<Listing, Set<String>> columns) {
        ObjectSpec spec = store.spec();
        Listing p = Listing.parse(ctx, spec, Requests.version(ctx), maxLimit, detailEndpoint, sel.filters());
        Set<String> read = sel.keep() == null && columns != null ? columns.apply(p) : null;
        if (read != null) {
            read = new java.util.LinkedHashSet<>(read);
            read.add(p.sortKey());
        }
        Map<String, Object> marker = p.marker() == null ? null : markerLookup.apply(p.marker());
        List<Map<String, Object>> rows = new ArrayList<>();
        // Rows failing the extra test are dropped, and pages refilled, so a page still holds limit rows.
        while (true) {
            ListQuery q = new ListQuery(sel.where(), p.sortKey(), p.descending(), p.limit(), marker);
            List<Map<String, Object>> batch = columns == null ? store.list(q) : store.listForView(q, read);
            for (Map<String, Object> row : batch) {
                if ((sel.keep() == null || sel.keep().test(row)) && rows.size() < p.limit()) {
                    rows.add(row);
                }
            }
            if (sel.keep() == null || batch.size() < p.limit() || rows.size() >= p.limit()) {
                break;
            }
            marker = batch.getLast();
        }
        String last = rows.isEmpty() ? null : (String) rows.getLast().get("uuid");
        Requests.json(ctx, p.collection(ctx, Requests.base(ctx), key, path, renderer.render(ctx, rows, p), last));
    }

    /** Renders plain objects: fields, self/bookmark links, and for full views the given sub-resource links. */
    static List<ObjectNode> simple(Context ctx, ObjectSpec spec, String resource, List<Map<String, Object>> rows,
                                   java.util.Set<String> fields, boolean full, List<String> subResources) {
        int minor = Requests.version(ctx);
        String base = Requests.base(ctx);
        var shown = Views.shown(spec, minor, fields);
        return rows.stream().map(row -> {
            String uuid = (String) row.get("uuid");
            ObjectNode n = Views.render(shown, row);
            n.set("links", Links.of(base, resource, uuid));
            if (full && fields == null) {
                subResources.forEach(s -> n.set(s, Links.of(base, resource + "/" + uuid + "/" + s)));
            }
            return n;
        }).toList();
    }
}
