package dev.ferrum.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsNeedNoFile() {
        Config c = Config.defaults();
        assertThat(c.get(Options.API_PORT)).isEqualTo(6385);
        assertThat(c.get(Options.API_HOST_IP)).isEqualTo("127.0.0.1");
        assertThat(c.get(Options.AUTH_STRATEGY)).isEqualTo("noauth");
        assertThat(c.get(Options.ENABLED_HARDWARE_TYPES)).containsExactly("fake-hardware", "manual-management", "ipmi", "redfish");
    }

    @Test
    void laterFilesWinAndValuesInterpolate() throws Exception {
        Path a = write("a.conf", "[DEFAULT]\nstate_path = /srv/ferrum\n# comment\n[api]\nport = 7000\nmax_limit: 50\n");
        Path b = write("b.conf", "[api]\nport = 7001\n[database]\nconnection = jdbc:h2:file:$state_path/db\n"
                + "[DEFAULT]\nenabled_hardware_types = ipmi,\n  fake-hardware\n");
        Config c = Config.load(List.of(a, b), Map.of());
        assertThat(c.get(Options.API_PORT)).isEqualTo(7001);
        assertThat(c.get(Options.API_MAX_LIMIT)).isEqualTo(50);
        assertThat(c.get(Options.DB_CONNECTION)).isEqualTo("jdbc:h2:file:/srv/ferrum/db");
        assertThat(c.get(Options.ENABLED_HARDWARE_TYPES)).containsExactly("ipmi", "fake-hardware");
    }

    @Test
    void unknownOptionsAndBadValuesAreAllNamed() throws Exception {
        Path f = write("bad.conf", "[api]\nport = many\nbogus = 1\n[DEFAULT]\nauth_strategy = keystone\ndebug = perhaps\n");
        assertThatThrownBy(() -> Config.load(List.of(f), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[api]port").hasMessageContaining("unknown option [api]bogus")
                .hasMessageContaining("[DEFAULT]auth_strategy").hasMessageContaining("[DEFAULT]debug");
    }

    @Test
    void malformedFilesAreRefused() throws Exception {
        assertThatThrownBy(() -> Config.load(List.of(write("x.conf", "port = 1\n")), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("before any [section]");
        assertThatThrownBy(() -> Config.load(List.of(dir.resolve("missing.conf")), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing.conf");
        assertThatThrownBy(() -> Config.load(List.of(write("y.conf", "[api\nport=1\n")), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("section header");
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
