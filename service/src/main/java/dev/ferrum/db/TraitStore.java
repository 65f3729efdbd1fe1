package dev.ferrum.db;

import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Traits;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Node traits: read in bulk for a page of nodes, and changed one node at a time. Each change runs in one
 * transaction holding the node's row lock, so concurrent changes to one node's traits are serialized and
 * the per-node limit ({@value Traits#MAX_PER_NODE}) holds exactly.
 */
public final class TraitStore {
    private static final int CHUNK = 500;
    private final Database db;

    TraitStore(Database db) {
        this.db = db;
    }

    public Map<String, List<String>> forNodes(Collection<String> nodeUuids) {
        Map<String, List<String>> out = new HashMap<>();
        List<String> all = List.copyOf(nodeUuids);
        for (int i = 0; i < all.size(); i += CHUNK) {
            List<String> part = all.subList(i, Math.min(all.size(), i + CHUNK));
            String in = part.stream().map(x -> "?").collect(Collectors.joining(", "));
            db.jdbi().useHandle(h -> {
                var q = h.createQuery("SELECT node_uuid, trait FROM node_traits WHERE node_uuid IN (" + in + ") ORDER BY trait");
                for (int j = 0; j < part.size(); j++) {
                    q.bind(j, part.get(j));
                }
                q.map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                        .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            });
        }
        return out;
    }

    /** The node's traits, sorted. */
    public List<String> forNode(String nodeUuid) {
        return db.jdbi().withHandle(h -> read(h, nodeUuid));
    }

    /** Makes {@code traits} (duplicates ignored) the node's only traits. */
    public void replace(String nodeUuid, Collection<String> traits) {
        TreeSet<String> wanted = new TreeSet<>(traits);
        checkLimit(nodeUuid, wanted.size());
        db.jdbi().useTransaction(h -> {
            lockNode(h, nodeUuid);
            h.createUpdate("DELETE FROM node_traits WHERE node_uuid = ?").bind(0, nodeUuid).execute();
            insert(h, nodeUuid, wanted);
            writeColumn(h, nodeUuid);
        });
    }

    /** Adds one trait; adding a trait the node already has changes nothing. */
    public void add(String nodeUuid, String trait) {
        db.jdbi().useTransaction(h -> {
            lockNode(h, nodeUuid);
            List<String> have = read(h, nodeUuid);
            if (have.contains(trait)) {
                return;
            }
            checkLimit(nodeUuid, have.size() + 1);
            insert(h, nodeUuid, List.of(trait));
            writeColumn(h, nodeUuid);
        });
    }

    /** Removes one trait; false when the node does not have it (compared case-sensitively on every engine). */
    public boolean remove(String nodeUuid, String trait) {
        return db.jdbi().inTransaction(h -> {
            lockNode(h, nodeUuid);
            if (!read(h, nodeUuid).contains(trait)) {
                return false;
            }
            h.createUpdate("DELETE FROM node_traits WHERE node_uuid = ? AND trait = ?").bind(0, nodeUuid).bind(1, trait).execute();
            writeColumn(h, nodeUuid);
            return true;
        });
    }

    public void removeAll(String nodeUuid) {
        db.jdbi().useTransaction(h -> {
            lockNode(h, nodeUuid);
            h.createUpdate("DELETE FROM node_traits WHERE node_uuid = ?").bind(0, nodeUuid).execute();
            writeColumn(h, nodeUuid);
        });
    }

    /** Copies the node's traits, sorted, into its row's {@code traits} column (what views show). */
    private static void writeColumn(Handle h, String nodeUuid) {
        h.createUpdate("UPDATE nodes SET traits = ? WHERE uuid = ?")
                .bind(0, dev.ferrum.common.Json.write(read(h, nodeUuid))).bind(1, nodeUuid).execute();
    }

    private static List<String> read(Handle h, String nodeUuid) {
        return h.createQuery("SELECT trait FROM node_traits WHERE node_uuid = ? ORDER BY trait")
                .bind(0, nodeUuid).mapTo(String.class).list();
    }

    /** Row lock on the node for the rest of the transaction; 404 if the node is gone. */
    private static void lockNode(Handle h, String nodeUuid) {
        if (h.createQuery("SELECT uuid FROM nodes WHERE uuid = ? FOR UPDATE").bind(0, nodeUuid)
                .mapTo(String.class).findFirst().isEmpty()) {
            throw FerrumException.notFound("Node %s could not be found.", nodeUuid);
        }
    }

    private static void insert(Handle h, String nodeUuid, Collection<String> traits) {
        if (traits.isEmpty()) {
            return;
        }
        var batch = h.prepareBatch("INSERT INTO node_traits (node_uuid, trait, created_at) VALUES (?, ?, ?)");
        var now = ObjectStore.now();
        for (String t : traits) {
            batch.bind(0, nodeUuid).bind(1, t).bind(2, now).add();
        }
        batch.execute();
    }

    private static void checkLimit(String nodeUuid, int count) {
        if (count > Traits.MAX_PER_NODE) {
            throw FerrumException.invalid("Node %s cannot have more than %d traits; the request would give it %d.",
                    nodeUuid, Traits.MAX_PER_NODE, count);
        }
    }
}
