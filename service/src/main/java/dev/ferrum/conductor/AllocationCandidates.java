package dev.ferrum.conductor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.States;
import dev.ferrum.db.Condition;
import dev.ferrum.db.ListQuery;
import dev.ferrum.db.Stores;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which nodes can serve an allocation, and, when none can, why each node was left out. Ironic only says
 * "no available nodes match the resource class X"; Ferrum keeps that opening and appends, per node
 * considered, every reason it was excluded, so "why no valid host?" is answered in one look.
 */
final class AllocationCandidates {
    /** Nodes listed with their reasons in one last_error; the rest are counted. */
    static final int MAX_LISTED = 50;
    /** Nodes of the resource class read to build the explanation. */
    static final int MAX_EXAMINED = 1000;
    private static final int MAX_CLASSES = 10;
    private static final int MAX_OUTSIDE = 5;

    /** The suitable nodes in database order, or why there are none. */
    record Found(List<Map<String, Object>> nodes, String failure) {
    }

    private final Stores stores;

    AllocationCandidates(Stores stores) {
        this.stores = Objects.requireNonNull(stores);
    }

    /** Ironic's filter: resource class, available, no instance, power state known, not in maintenance, owner, traits. */
    Found find(Map<String, Object> allocation) {
        List<String> candidates = strings(allocation.get("candidate_nodes"));
        List<Map<String, Object>> rows = available(allocation, candidates.isEmpty() ? null : candidates);
        if (rows.isEmpty()) {
            String opening = candidates.isEmpty()
                    ? "no available nodes match the resource class " + allocation.get("resource_class")
                    : "none of the requested nodes are available and match the resource class " + allocation.get("resource_class");
            return new Found(List.of(), explain(allocation, opening, null));
        }
        List<String> traits = strings(allocation.get("traits"));
        List<Map<String, Object>> suitable = withTraits(rows, traits);
        if (suitable.isEmpty()) {
            return new Found(List.of(), explain(allocation, "no suitable nodes have the requested traits "
                    + String.join(", ", new LinkedHashSet<>(traits)), null));
        }
        return new Found(suitable, null);
    }

    /**
     * The full last_error: Ironic's opening, then every excluded node with its reasons.
     *
     * @param only the nodes to explain (after a failed reservation), or null for every node considered:
     *             the candidate nodes if given, else the nodes of the resource class
     */
    String explain(Map<String, Object> allocation, String opening, List<String> only) {
        StringBuilder msg = new StringBuilder("Failed to process allocation ").append(allocation.get("uuid")).append(": ")
                .append(opening).append('.');
        List<String> candidates = strings(allocation.get("candidate_nodes"));
        List<String> asked = only != null ? only : candidates.isEmpty() ? null : candidates;
        String rc = (String) allocation.get("resource_class");
        List<Map<String, Object>> considered;
        long total;
        if (asked != null) {
            considered = stores.nodes.list(new ListQuery(List.of(new Condition.In("uuid", asked)), "id", false, 0, null));
            total = considered.size();
        } else {
            considered = stores.nodes.list(new ListQuery(List.of(new Condition.Eq("resource_class", rc)), "id", false, MAX_EXAMINED, null));
            total = considered.size() < MAX_EXAMINED ? considered.size() : stores.nodes.countBy("resource_class").stream()
                    .filter(e -> e.getKey().equals(rc)).mapToLong(Map.Entry::getValue).sum();
            if (considered.isEmpty()) {
                return msg.append(' ').append(noSuchClass(rc)).toString();
            }
        }
        Map<String, List<String>> traits = stores.traits.forNodes(considered.stream().map(n -> (String) n.get("uuid")).toList());
        record Excluded(String label, List<String> reasons) {
        }
        List<Excluded> excluded = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Map<String, Object> node : considered) {
            String uuid = (String) node.get("uuid");
            seen.add(uuid);
            List<String> why = reasons(allocation, node, traits.getOrDefault(uuid, List.of()));
            if (!why.isEmpty()) {
                excluded.add(new Excluded(label(node), why));
            }
        }
        if (asked != null) {
            asked.stream().filter(u -> !seen.contains(u)).distinct().forEach(u -> excluded.add(new Excluded(u, List.of("no longer exists"))));
        }
        excluded.sort(Comparator.comparingInt(e -> e.reasons().size())); // closest matches first; stable
        if (!excluded.isEmpty()) {
            msg.append(" Excluded nodes: ").append(excluded.stream().limit(MAX_LISTED)
                    .map(e -> e.label() + ": " + String.join(", ", e.reasons())).collect(Collectors.joining("; ")));
            long more = excluded.size() - Math.min(excluded.size(), MAX_LISTED) + (total - considered.size());
            msg.append(more > 0 ? "; and " + more + " more." : ".");
        }
        if (only == null && !candidates.isEmpty()) {
            msg.append(outsideCandidates(allocation, candidates));
        }
        return msg.toString();
    }

    /** Every reason this node cannot serve the allocation now; empty if it can. */
    static List<String> reasons(Map<String, Object> allocation, Map<String, Object> node, List<String> nodeTraits) {
        List<String> why = new ArrayList<>();
        Object rc = allocation.get("resource_class");
        if (!Objects.equals(rc, node.get("resource_class"))) {
            why.add(node.get("resource_class") == null ? "no resource class" : "resource class is \"" + node.get("resource_class") + "\"");
        }
        if (!States.AVAILABLE.equals(node.get("provision_state"))) {
            why.add("provision state is \"" + node.get("provision_state") + "\"");
        }
        if (Boolean.TRUE.equals(node.get("maintenance"))) {
            why.add("in maintenance");
        }
        if (node.get("power_state") == null) {
            why.add("power state is unknown");
        }
        if (node.get("allocation_uuid") != null) {
            why.add("already allocated (allocation " + node.get("allocation_uuid") + ")");
        } else if (node.get("instance_uuid") != null) {
            why.add("already has instance " + node.get("instance_uuid"));
        }
        if (node.get("reservation") != null) {
            why.add("locked by " + node.get("reservation"));
        }
        Object owner = allocation.get("owner");
        if (owner != null && !owner.equals(node.get("owner")) && !owner.equals(node.get("lessee"))) {
            why.add("neither owned nor leased by project " + owner);
        }
        List<String> missing = new ArrayList<>(new LinkedHashSet<>(strings(allocation.get("traits"))));
        missing.removeAll(nodeTraits);
        if (!missing.isEmpty()) {
            why.add("missing traits " + String.join(", ", missing));
        }
        return why;
    }

    private List<Map<String, Object>> available(Map<String, Object> allocation, List<String> uuids) {
        List<Condition> where = new ArrayList<>(List.of(
                new Condition.Eq("resource_class", allocation.get("resource_class")),
                new Condition.Eq("provision_state", States.AVAILABLE),
                new Condition.IsNull("instance_uuid", true),
                new Condition.IsNull("allocation_uuid", true),
                new Condition.IsNull("power_state", false),
                new Condition.Eq("maintenance", false)));
        if (uuids != null) {
            where.add(new Condition.In("uuid", uuids));
        }
        Object owner = allocation.get("owner");
        if (owner != null) {
            where.add(new Condition.Sql("owner = ? OR lessee = ?", List.of(owner, owner)));
        }
        return stores.nodes.list(new ListQuery(where, "id", false, 0, null));
    }

    private List<Map<String, Object>> withTraits(List<Map<String, Object>> rows, List<String> traits) {
        if (traits.isEmpty()) {
            return rows;
        }
        Map<String, List<String>> has = stores.traits.forNodes(rows.stream().map(n -> (String) n.get("uuid")).toList());
        return rows.stream().filter(n -> has.getOrDefault((String) n.get("uuid"), List.of()).containsAll(traits)).toList();
    }

    /** Nodes that would have matched had they been among the candidates: often the real mistake. */
    private String outsideCandidates(Map<String, Object> allocation, List<String> candidates) {
        List<Map<String, Object>> others = withTraits(available(allocation, null), strings(allocation.get("traits"))).stream()
                .filter(n -> !candidates.contains((String) n.get("uuid"))).toList();
        if (others.isEmpty()) {
            return "";
        }
        return " " + others.size() + " other node(s) would match but are not in candidate_nodes: "
                + others.stream().limit(MAX_OUTSIDE).map(AllocationCandidates::label).collect(Collectors.joining(", "))
                + (others.size() > MAX_OUTSIDE ? ", …" : "") + ".";
    }

    private String noSuchClass(String rc) {
        List<String> classes = stores.nodes.countBy("resource_class").stream().filter(e -> !e.getKey().equals("null"))
                .map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
        if (classes.isEmpty()) {
            return "No node has resource class " + rc + "; no node has any resource class.";
        }
        return "No node has resource class " + rc + "; the resource classes in use are: "
                + String.join(", ", classes.subList(0, Math.min(MAX_CLASSES, classes.size())))
                + (classes.size() > MAX_CLASSES ? " and " + (classes.size() - MAX_CLASSES) + " more." : ".");
    }

    static String label(Map<String, Object> node) {
        return node.get("name") == null ? (String) node.get("uuid") : node.get("name") + " (" + node.get("uuid") + ")";
    }

    static List<String> strings(Object json) {
        List<String> out = new ArrayList<>();
        if (json instanceof JsonNode j && j.isArray()) {
            j.forEach(x -> out.add(x.asText()));
        }
        return out;
    }
}
