package dev.ferrum.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferrum.common.objects.Field;
import dev.ferrum.common.objects.ObjectSpec;
import dev.ferrum.common.objects.Objects;
import dev.ferrum.testing.AllEngines;
import dev.ferrum.testing.Engine;
import dev.ferrum.testing.TestDatabases;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

class MigrationTest {
    private static final List<String> TABLES = List.of("chassis", "nodes", "node_traits", "portgroups", "ports", "conductors",
            "deploy_templates", "allocations");

    @AllEngines
    void upgradeCreatesEveryTableOnAnEmptyDatabase(Engine engine) {
        try (TestDatabases t = TestDatabases.empty(engine)) {
            Database db = t.database();
            assertThatThrownBy(() -> Rows.count(db, "nodes")).as("no schema before upgrade").isInstanceOf(RuntimeException.class);

            db.upgrade();

            for (String table : TABLES) {
                assertThat(Rows.count(db, table)).as(table).isZero();
            }
            // every migration on the classpath is applied (applied() checks each succeeded), V1 first
            assertThat(applied(db)).extracting(m -> m.getVersion().getVersion()).first().isEqualTo("1");
            assertThat(pending(db)).isEmpty();
        }
    }

    @AllEngines
    void everyStoredFieldOfEveryObjectIsAColumn(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            for (ObjectSpec spec : List.of(Objects.NODE, Objects.PORT, Objects.PORTGROUP, Objects.CHASSIS,
                    Objects.DEPLOY_TEMPLATE, Objects.ALLOCATION)) {
                String cols = spec.storedFields().stream().map(Field::name).collect(Collectors.joining(", "));
                List<?> rows = t.database().jdbi().withHandle(h ->
                        h.createQuery("SELECT id, " + cols + " FROM " + spec.table() + " WHERE 1 = 0").mapToMap().list());
                assertThat(rows).as(spec.table()).isEmpty();
            }
        }
    }

    @AllEngines
    void upgradingAgainIsANoOpThatKeepsTheData(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Database db = t.database();
            Stores stores = t.stores();
            var node = stores.nodes.insert(Rows.node("kept"));
            MigrationInfo[] before = applied(db);

            db.upgrade();
            db.upgrade();

            MigrationInfo[] after = applied(db);
            assertThat(after).hasSameSizeAs(before);
            assertThat(after[0].getInstalledOn()).isEqualTo(before[0].getInstalledOn());
            assertThat(after[0].getChecksum()).isEqualTo(before[0].getChecksum());
            assertThat(stores.nodes.get("uuid", node.get("uuid"))).contains(node);
            assertThat(Rows.count(db, "nodes")).isEqualTo(1);
        }
    }

    private static MigrationInfo[] pending(Database db) {
        DatabaseUrl url = db.url();
        return Flyway.configure().dataSource(url.jdbcUrl(), url.user(), url.password())
                .locations("classpath:db/migration").load().info().pending();
    }

    private static MigrationInfo[] applied(Database db) {
        DatabaseUrl url = db.url();
        MigrationInfo[] applied = Flyway.configure()
                .dataSource(url.jdbcUrl(), url.user(), url.password())
                .locations("classpath:db/migration")
                .load().info().applied();
        assertThat(Arrays.stream(applied).filter(m -> m.getState() != MigrationState.SUCCESS)).isEmpty();
        return applied;
    }
}
