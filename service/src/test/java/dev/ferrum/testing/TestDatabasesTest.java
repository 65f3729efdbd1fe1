package dev.ferrum.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferrum.db.Dialect;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class TestDatabasesTest {

    @AllEngines
    void givesADistinctDatabaseOnTheRightEngineAndDropsItOnClose(Engine engine) {
        TestDatabases first = TestDatabases.fresh(engine);
        try (TestDatabases second = TestDatabases.fresh(engine)) {
            assertThat(first.exists()).isTrue();
            assertThat(second.name()).isNotEqualTo(first.name());
            assertThat(first.database().dialect()).isEqualTo(Dialect.valueOf(engine.name()));
            if (engine != Engine.H2) {
                assertThat(first.database().url().jdbcUrl()).endsWith("/" + first.name());
            }
            first.stores().conductors.register("only-in-first", "", java.util.List.of());
            assertThat(second.stores().conductors.list()).isEmpty();
        } finally {
            first.close();
        }
        assertThat(first.exists()).isFalse();
    }

    @Test
    void anUnreachableServerSkipsLocallyButFailsWhenEveryEngineIsRequired() {
        assertThatThrownBy(() -> TestDatabases.unavailable(Engine.MARIADB, "connection refused", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("MARIADB").hasMessageContaining("connection refused");
        assertThatThrownBy(() -> TestDatabases.unavailable(Engine.POSTGRESQL, "connection refused", true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("POSTGRESQL").hasMessageContaining("FERRUM_REQUIRE_ALL=1");
    }
}
