package dev.ferrum.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.ferrum.cmd.Wiring;
import dev.ferrum.common.config.Config;
import dev.ferrum.common.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpBasicAuthTest {
    @TempDir
    Path dir;

    @Test
    void httpBasicGuardsEverythingButVersionDiscovery() throws Exception {
        Path htpasswd = dir.resolve("htpasswd");
        Files.writeString(htpasswd, "admin:" + BCrypt.withDefaults().hashToString(4, "s3cret".toCharArray()) + "\n");
        try (TestServer server = new TestServer(Map.of("DEFAULT.auth_strategy", "http_basic",
                "DEFAULT.http_basic_auth_user_file", htpasswd.toString()))) {
            assertThat(server.get("/", null).status()).isEqualTo(200);
            assertThat(server.get("/v1", null).status()).isEqualTo(200);
            TestServer.Reply anonymous = server.get("/v1/nodes");
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
            assertThat(call(server, "admin:wrong").status()).isEqualTo(401);
            assertThat(call(server, "nobody:s3cret").status()).isEqualTo(401);
            assertThat(call(server, "admin:s3cret").status()).isEqualTo(200);
            // A second request takes the remembered-credential path; a wrong password must still fail after it.
            assertThat(call(server, "admin:s3cret").status()).isEqualTo(200);
            assertThat(call(server, "admin:wrong").status()).isEqualTo(401);
        }
    }

    @Test
    void plainTextHtpasswdEntriesAreRefused() throws Exception {
        Path htpasswd = dir.resolve("htpasswd");
        Files.writeString(htpasswd, "admin:{SHA}abc\n");
        assertThatThrownBy(() -> new HttpBasicAuth(htpasswd)).isInstanceOf(ConfigException.class).hasMessageContaining("bcrypt");
    }

    @Test
    void noauthOnAPublicAddressRefusesToStartUnlessForced() {
        Map<String, String> o = Map.of("api.host_ip", "0.0.0.0", "api.port", "0", "DEFAULT.state_path", dir.toString());
        assertThatThrownBy(() -> new Wiring(Config.load(List.of(), o)).startAll())
                .isInstanceOf(ConfigException.class).hasMessageContaining("allow_insecure_noauth");
        var forced = new java.util.HashMap<>(o);
        forced.put("api.allow_insecure_noauth", "true");
        try (Wiring w = new Wiring(Config.load(List.of(), forced)).startAll()) {
            assertThat(w.apiPort()).isPositive();
        }
    }

    private static TestServer.Reply call(TestServer server, String credentials) {
        String header = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        return server.call("GET", "/v1/nodes", "latest", null, Map.of("Authorization", header));
    }
}
