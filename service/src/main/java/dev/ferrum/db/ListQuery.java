package dev.ferrum.db;

import java.util.List;
import java.util.Map;

/**
 * A page request: filters, one sort column (ties broken by id in the same direction, as Ironic does) and
 * the marker row the page starts after.
 */
public record ListQuery(List<Condition> where, String sortKey, boolean descending, int limit, Map<String, Object> marker) {
}
