package dev.ferrum.api;

import dev.ferrum.db.Database;
import dev.ferrum.db.DatabaseUrl;
import dev.ferrum.db.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link TestServer} whose embedded database the test opens too (H2 shares one database between the
 * connections of a JVM), to set what the API cannot, such as a node's power state.
 */
final class StoreBackedServer implements AutoCloseable {
    final TestServer server;
    private final Database database;
    final Stores stores;

    StoreBackedServer() {
        Path state;
        try {
            state = Files.createTempDirectory("ferrum-api-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = new TestServer(Map.of("DEFAULT.state_path", state.toString()));
        database = new Database(DatabaseUrl.parse("", state), 2);
        stores = new Stores(database);
    }

    /** Sets the node's power state as the conductor would after a power action; null is "unknown". */
    void power(String nodeUuid, String state) {
        Map<String, Object> changes = new HashMap<>();
        changes.put("power_state", state);
        stores.nodes.update(nodeUuid, changes).orElseThrow();
    }

    @Override
    public void close() {
        database.close();
        server.close();
    }
}
