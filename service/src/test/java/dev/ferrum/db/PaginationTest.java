package dev.ferrum.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferrum.testing.AllEngines;
import dev.ferrum.testing.Engine;
import dev.ferrum.testing.TestDatabases;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Sorting and keyset pages: walking pages with the last row as marker must give every row exactly once, in
 * the order of one unpaged list, and that order must be the same on every engine (NULLs first ascending,
 * last descending, ties broken by id).
 */
class PaginationTest {
    private static final LocalDateTime T = LocalDateTime.of(2025, 1, 2, 3, 4, 5, 678_901_000);
    private static final List<String> SORT_KEYS = List.of("id", "name", "resource_class", "driver", "created_at",
            "maintenance", "automated_clean");

    /** name (unique, some NULL), resource_class and automated_clean (duplicates and NULLs), driver, created_at (ties). */
    private static final Object[][] NODES = {
            {"delta", "gold", "ipmi", 3, true},
            {null, null, "fake-hardware", 1, null},
            {"alpha", "silver", "ipmi", 1, false},
            {"echo", "gold", "redfish", 2, true},
            {null, "bronze", "ipmi", 3, null},
            {"charlie", null, "fake-hardware", 0, false},
            {"bravo", "gold", "ipmi", 2, true},
            {null, "silver", "redfish", 1, false},
            {"foxtrot", null, "ipmi", 3, null},
    };

    private static List<Map<String, Object>> insertAll(ObjectStore nodes) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < NODES.length; i++) {
            Object[] n = NODES[i];
            Map<String, Object> v = Rows.node((String) n[0]);
            v.put("resource_class", n[1]);
            v.put("driver", n[2]);
            v.put("created_at", T.plusSeconds((Integer) n[3]));
            v.put("automated_clean", n[4]);
            v.put("maintenance", i % 3 == 0);
            rows.add(nodes.insert(v));
        }
        return rows;
    }

    /** The order every engine must produce, computed here. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Object> expectedIds(List<Map<String, Object>> rows, String key, boolean desc) {
        Comparator<Map<String, Object>> byKey = Comparator.comparing(r -> (Comparable) r.get(key),
                Comparator.nullsFirst(Comparator.naturalOrder()));
        Comparator<Map<String, Object>> order = byKey.thenComparing(r -> (Long) r.get("id"));
        return rows.stream().sorted(desc ? order.reversed() : order).map(r -> r.get("id")).toList();
    }

    private static List<Map<String, Object>> walk(ObjectStore nodes, List<Condition> where, String key, boolean desc, int limit) {
        List<Map<String, Object>> all = new ArrayList<>();
        Map<String, Object> marker = null;
        for (int pages = 0; pages <= NODES.length + 1; pages++) {
            List<Map<String, Object>> page = nodes.list(new ListQuery(where, key, desc, limit, marker));
            assertThat(page.size()).as("page size").isLessThanOrEqualTo(limit);
            all.addAll(page);
            if (page.size() < limit) {
                return all;
            }
            marker = page.getLast();
        }
        throw new AssertionError("pages never ended: " + all.stream().map(r -> r.get("id")).toList());
    }

    private static List<Object> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> r.get("id")).toList();
    }

    @AllEngines
    void everySortKeyAndDirectionPagesThroughEveryRowOnceInTheUnpagedOrder(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            ObjectStore nodes = t.stores().nodes;
            List<Map<String, Object>> rows = insertAll(nodes);
            for (String key : SORT_KEYS) {
                for (boolean desc : new boolean[] {false, true}) {
                    String what = key + (desc ? " desc" : " asc");
                    List<Map<String, Object>> unpaged = nodes.list(new ListQuery(List.of(), key, desc, 0, null));
                    assertThat(ids(unpaged)).as(what).isEqualTo(expectedIds(rows, key, desc));
                    for (int limit : new int[] {1, 2, 3, 4}) {
                        assertThat(walk(nodes, List.of(), key, desc, limit)).as(what + " limit " + limit).isEqualTo(unpaged);
                    }
                }
            }
        }
    }

    @AllEngines
    void nullsComeFirstAscendingAndLastDescending(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            ObjectStore nodes = t.stores().nodes;
            insertAll(nodes);
            List<Object> asc = nodes.list(new ListQuery(List.of(), "name", false, 0, null)).stream().map(r -> r.get("name")).toList();
            List<Object> desc = nodes.list(new ListQuery(List.of(), "name", true, 0, null)).stream().map(r -> r.get("name")).toList();
            assertThat(asc).containsExactly(null, null, null, "alpha", "bravo", "charlie", "delta", "echo", "foxtrot");
            assertThat(desc).containsExactly("foxtrot", "echo", "delta", "charlie", "bravo", "alpha", null, null, null);
        }
    }

    @AllEngines
    void aLimitReturnsTheFirstRowsAndAFilterHoldsAcrossPages(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            ObjectStore nodes = t.stores().nodes;
            List<Map<String, Object>> rows = insertAll(nodes);
            List<Map<String, Object>> firstTwo = nodes.list(new ListQuery(List.of(), "id", false, 2, null));
            assertThat(firstTwo).containsExactly(rows.get(0), rows.get(1));

            List<Condition> ipmi = List.of(new Condition.Eq("driver", "ipmi"));
            List<Map<String, Object>> ipmiRows = rows.stream().filter(r -> r.get("driver").equals("ipmi")).toList();
            for (boolean desc : new boolean[] {false, true}) {
                List<Map<String, Object>> paged = walk(nodes, ipmi, "resource_class", desc, 2);
                assertThat(ids(paged)).isEqualTo(expectedIds(ipmiRows, "resource_class", desc));
            }
        }
    }

    @AllEngines
    void aMarkerPastTheEndGivesAnEmptyPage(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            ObjectStore nodes = t.stores().nodes;
            insertAll(nodes);
            for (String key : SORT_KEYS) {
                List<Map<String, Object>> asc = nodes.list(new ListQuery(List.of(), key, false, 0, null));
                assertThat(nodes.list(new ListQuery(List.of(), key, false, 5, asc.getLast()))).as(key).isEmpty();
                assertThat(nodes.list(new ListQuery(List.of(), key, true, 5, asc.getFirst()))).as(key + " desc").isEmpty();
            }
        }
    }
}
