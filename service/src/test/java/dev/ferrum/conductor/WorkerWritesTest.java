package dev.ferrum.conductor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.api.TestServer;
import dev.ferrum.testing.AllEngines;
import dev.ferrum.testing.Engine;
import dev.ferrum.testing.TestDatabases;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;

/**
 * A conductor worker's flow ends where the node settles: that transition, its history, what the flow staged and
 * the release of the lock are one write (one statement on PostgreSQL), and nothing of it is lost.
 */
class WorkerWritesTest {

    /** Statements run by conductor workers, in order, but for session settings (AsyncCommit's, once a connection). */
    private static List<String> recordWorkerStatements(TestServer server) {
        List<String> seen = new CopyOnWriteArrayList<>();
        server.stores().db.jdbi().getConfig(SqlStatements.class).addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeExecution(PreparedStatement stmt, StatementContext ctx) {
                String sql = ctx.getRenderedSql();
                if (Thread.currentThread().getName().startsWith("conductor-worker") && !sql.startsWith("SET ")
                        && !sql.startsWith("RESET ")) {
                    seen.add(sql);
                }
            }
        });
        return seen;
    }

    private static JsonNode settle(TestServer server, String uuid, String field, String value) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode n = server.get("/v1/nodes/" + uuid).json();
            return n.path(field).asText().equals(value) && n.get("reservation").isNull()
                    && n.get("target_provision_state").isNull() && n.get("target_power_state").isNull();
        });
        return server.get("/v1/nodes/" + uuid).json();
    }

    @AllEngines
    void aSettlingTransitionItsHistoryAndTheReleaseAreOneWrite(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine);
             TestServer server = new TestServer(Map.of("database.connection", t.connection(),
                     "conductor.sync_power_state_interval", "0"))) {
            String uuid = server.node("{\"driver\": \"fake-hardware\", \"name\": \"ww\"}").get("uuid").asText();
            List<String> worker = recordWorkerStatements(server);

            assertThat(server.put("/v1/nodes/" + uuid + "/states/power", "{\"target\": \"power on\"}").status()).isEqualTo(202);
            assertThat(settle(server, uuid, "power_state", "power on").get("last_error").isNull()).isTrue();
            if (engine == Engine.POSTGRESQL) {
                assertThat(worker).as("the power worker's writes").hasSize(1);
                assertThat(worker.getFirst()).startsWith("WITH row0 AS (INSERT INTO node_history").contains("reservation = CASE");
            }

            worker.clear();
            assertThat(server.put("/v1/nodes/" + uuid + "/states/provision", "{\"target\": \"manage\"}").status()).isEqualTo(202);
            JsonNode managed = settle(server, uuid, "provision_state", "manageable");
            assertThat(managed.get("power_state").asText()).as("the power state verify read").isEqualTo("power on");
            if (engine == Engine.POSTGRESQL) {
                assertThat(worker).as("the verify worker's writes").hasSize(1);
            }

            List<String> events = server.get("/v1/nodes/" + uuid + "/history", "1.78").json().get("history")
                    .findValuesAsText("event");
            assertThat(events).containsExactly(
                    "Power state changed from None to power on",
                    "Provision state changed from \"enroll\" to \"verifying\" (manage)",
                    "Provision state changed from \"verifying\" to \"manageable\" (done)");
        }
    }
}
