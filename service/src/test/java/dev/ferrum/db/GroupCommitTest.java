package dev.ferrum.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {

    @Test
    void aHandleThatWroteReturnsOnlyOnceItsChangesAreInTheFile(@TempDir Path dir) {
        try (Database db = new Database(DatabaseUrl.parse("", dir), 4)) {
            db.upgrade();
            MVStore store = db.groupCommit().store();
            db.jdbi().useHandle(h -> h.execute("CREATE TABLE gc_test (x INT)"));
            assertThat(store.hasUnsavedChanges()).isFalse();
            db.jdbi().useHandle(h -> h.execute("INSERT INTO gc_test VALUES (1)"));
            assertThat(store.hasUnsavedChanges()).isFalse();
            db.jdbi().useTransaction(h -> {
                h.execute("INSERT INTO gc_test VALUES (2)");
                h.execute("UPDATE gc_test SET x = 3 WHERE x = 2");
            });
            assertThat(store.hasUnsavedChanges()).isFalse();
        }
    }

    @Test
    void readsDoNotWaitForAStore(@TempDir Path dir) {
        try (Database db = new Database(DatabaseUrl.parse("", dir), 4)) {
            db.upgrade();
            GroupCommit gc = db.groupCommit();
            long before = gc.requested();
            for (int i = 0; i < 20; i++) {
                db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM nodes").mapTo(Long.class).one());
            }
            assertThat(gc.requested()).as("reads never wait for a store").isEqualTo(before);
            db.jdbi().useHandle(h -> h.execute("UPDATE nodes SET name = name WHERE 1 = 0"));
            assertThat(gc.requested()).as("a write does").isEqualTo(before + 1);
        }
    }

    @Test
    void concurrentWritersAreAllDurableWhenTheyReturn(@TempDir Path dir) throws Exception {
        try (Database db = new Database(DatabaseUrl.parse("", dir), 8)) {
            db.upgrade();
            db.jdbi().useHandle(h -> h.execute("CREATE TABLE gc_test (x INT)"));
            MVStore store = db.groupCommit().store();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Boolean>> writers = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int base = t * 100;
                    writers.add(pool.submit(() -> {
                        for (int i = 0; i < 25; i++) {
                            int x = base + i;
                            db.jdbi().useHandle(h -> h.execute("INSERT INTO gc_test VALUES (?)", x));
                        }
                        return true;
                    }));
                }
                for (Future<Boolean> w : writers) {
                    assertThat(w.get()).isTrue();
                }
            }
            assertThat(store.hasUnsavedChanges()).isFalse();
            long rows = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM gc_test").mapTo(Long.class).one());
            assertThat(rows).isEqualTo(200L);
        }
    }

    @Test
    void aDeferredWriteAsksForAStoreWithoutWaitingForIt(@TempDir Path dir) {
        try (Database db = new Database(DatabaseUrl.parse("", dir), 4)) {
            db.upgrade();
            GroupCommit gc = db.groupCommit();
            db.jdbi().useHandle(h -> h.execute("CREATE TABLE gc_test (x INT)"));
            long requested = gc.requested();
            long waited = gc.waited();
            Durability.deferred(() -> db.jdbi().useHandle(h -> h.execute("INSERT INTO gc_test VALUES (1)")));
            assertThat(gc.requested()).as("it asks for a store").isEqualTo(requested + 1);
            assertThat(gc.waited()).as("but does not wait for one").isEqualTo(waited);
            await().atMost(Duration.ofSeconds(10)).until(() -> !gc.store().hasUnsavedChanges());
            assertThat(Durability.isDeferred()).as("only within the scope").isFalse();
            Durability.deferred(() -> {
                Durability.deferred(() -> { });
                assertThat(Durability.isDeferred()).as("a nested scope leaves the outer one deferred").isTrue();
            });
            db.jdbi().useHandle(h -> h.execute("INSERT INTO gc_test VALUES (2)"));
            assertThat(gc.waited()).as("outside it a write waits").isEqualTo(waited + 1);
            assertThat(gc.store().hasUnsavedChanges()).isFalse();
        }
    }

    @Test
    void anAnswersWritesWaitOnceAtItsEnd(@TempDir Path dir) {
        try (Database db = new Database(DatabaseUrl.parse("", dir), 4)) {
            db.upgrade();
            GroupCommit gc = db.groupCommit();
            db.jdbi().useHandle(h -> h.execute("CREATE TABLE gc_test (x INT)"));
            long waited = gc.waited();
            Durability.beginAnswer();
            db.jdbi().useHandle(h -> h.execute("INSERT INTO gc_test VALUES (1)"));
            db.jdbi().useHandle(h -> h.execute("INSERT INTO gc_test VALUES (2)"));
            assertThat(gc.waited()).as("no write in the scope waits").isEqualTo(waited);
            assertThat(Durability.endAnswer()).isTrue();
            db.awaitDurable();
            assertThat(gc.waited()).as("its end waits once").isEqualTo(waited + 1);
            assertThat(gc.store().hasUnsavedChanges()).isFalse();
            Durability.beginAnswer();
            db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM gc_test").mapTo(Long.class).one());
            assertThat(Durability.endAnswer()).as("reads leave nothing to wait for").isFalse();
        }
    }

    @Test
    void deferredWritesShareAStore(@TempDir Path dir) {
        try (Database db = new Database(DatabaseUrl.parse("", dir), 4)) {
            db.upgrade();
            GroupCommit gc = db.groupCommit();
            db.jdbi().useHandle(h -> h.execute("CREATE TABLE gc_test (x INT)"));
            long stores = gc.stores();
            for (int i = 0; i < 10; i++) {
                int x = i;
                Durability.deferred(() -> db.jdbi().useHandle(h -> h.execute("INSERT INTO gc_test VALUES (?)", x)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !gc.store().hasUnsavedChanges() && gc.stores() > stores);
            assertThat(gc.stores() - stores).as("ten deferred writes in a few ms, stored together").isLessThanOrEqualTo(3);
        }
    }

    @Test
    void onlyStatementsThatChangeDataCountAsWrites() {
        assertThat(Durability.changesData("SELECT id FROM nodes")).isFalse();
        assertThat(Durability.changesData("  select 1")).isFalse();
        assertThat(Durability.changesData("WITH x AS (SELECT 1) SELECT * FROM x")).isFalse();
        assertThat(Durability.changesData("UPDATE nodes SET reservation = ? WHERE id = ?")).isTrue();
        assertThat(Durability.changesData("insert into nodes (uuid) values (?)")).isTrue();
        assertThat(Durability.changesData("DELETE FROM ports WHERE node_id = ?")).isTrue();
        assertThat(Durability.changesData("SET synchronous_commit TO off")).isFalse();
        assertThat(Durability.changesData("RESET synchronous_commit")).isFalse();
    }
}
