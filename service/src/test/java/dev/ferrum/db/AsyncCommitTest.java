package dev.ferrum.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferrum.testing.Engine;
import dev.ferrum.testing.TestDatabases;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AsyncCommitTest {

    private static String setting(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SHOW synchronous_commit").mapTo(String.class).one());
    }

    @Test
    void onPostgresqlOnlyDeferredHandlesCommitAsynchronously() {
        try (TestDatabases t = TestDatabases.fresh(Engine.POSTGRESQL);
             // one connection, so every handle below reuses the same session
             Database db = new Database(DatabaseUrl.parse(t.connection(), Path.of("unused")), 1)) {
            assertThat(setting(db)).isEqualTo("on");
            AtomicReference<String> inside = new AtomicReference<>();
            Durability.deferred(() -> {
                db.jdbi().useHandle(h -> h.execute("INSERT INTO chassis (uuid, created_at) VALUES ('8c6e1a3e-2f0e-4a4e-9d2a-6f1e2b3c4d5e', NOW())"));
                inside.set(setting(db));
            });
            assertThat(inside.get()).isEqualTo("off");
            assertThat(setting(db)).as("a later ordinary handle on the same connection").isEqualTo("on");
            Durability.deferred(() -> inside.set(setting(db)));
            assertThat(inside.get()).isEqualTo("off");
            assertThat(setting(db)).isEqualTo("on");
            long rows = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM chassis").mapTo(Long.class).one());
            assertThat(rows).as("the deferred write committed").isEqualTo(1L);
        }
    }
}
