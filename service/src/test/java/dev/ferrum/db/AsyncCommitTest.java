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

    @Test
    void onPostgresqlAnAnswersWritesCommitAsynchronouslyAndOneFlushCoversThem() {
        try (TestDatabases t = TestDatabases.fresh(Engine.POSTGRESQL);
             Database db = new Database(DatabaseUrl.parse(t.connection(), Path.of("unused")), 1)) {
            Durability.beginAnswer();
            String inside = setting(db);
            db.jdbi().useHandle(h -> h.execute("INSERT INTO chassis (uuid, created_at) VALUES ('9d7f2b4f-3a1f-4b5f-8e3b-7a2f3c4d5e6f', NOW())"));
            String written = db.jdbi().withHandle(h -> h.createQuery("SELECT pg_current_wal_insert_lsn()::text").mapTo(String.class).one());
            assertThat(Durability.endAnswer()).as("the scope saw the write").isTrue();
            assertThat(inside).isEqualTo("off");
            db.awaitDurable();
            boolean flushed = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT pg_current_wal_flush_lsn() >= CAST(? AS pg_lsn)").bind(0, written).mapTo(Boolean.class).one());
            assertThat(flushed).as("the WAL is flushed past the asynchronous commit").isTrue();
            assertThat(setting(db)).isEqualTo("on");

            Durability.beginAnswer();
            setting(db);
            assertThat(Durability.endAnswer()).as("a scope that only read has nothing to make durable").isFalse();
        }
    }
}
