package dev.ferrum.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {
    private static final Path STATE = Path.of("/var/lib/ferrum");

    private static DatabaseUrl parse(String connection) {
        return DatabaseUrl.parse(connection, STATE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "postgresql://ironic:secret@db.example.com/ironic          | jdbc:postgresql://db.example.com/ironic | ironic | secret | POSTGRESQL",
            "postgresql+psycopg2://ironic:secret@db.example.com/ironic | jdbc:postgresql://db.example.com/ironic | ironic | secret | POSTGRESQL",
            "postgres://ironic:secret@10.0.0.5:5433/ironic             | jdbc:postgresql://10.0.0.5:5433/ironic  | ironic | secret | POSTGRESQL",
            "mysql+pymysql://user:p%40ss@host:3307/db?charset=utf8     | jdbc:mariadb://host:3307/db             | user   | p@ss   | MARIADB",
            "mariadb://dbhost/ironic                                   | jdbc:mariadb://dbhost/ironic            | -      | -      | MARIADB",
            "mysql+pymysql://root:@127.0.0.1/ironic                    | jdbc:mariadb://127.0.0.1/ironic         | root   | ''     | MARIADB",
            "postgresql+psycopg2://postgres@[::1]:5432/ironic          | jdbc:postgresql://[::1]:5432/ironic     | postgres | -    | POSTGRESQL",
    })
    void sqlalchemyUrlsBecomeJdbcUrlsAndCredentials(String connection, String jdbc, String user, String password, Dialect dialect) {
        assertThat(parse(connection)).isEqualTo(new DatabaseUrl(jdbc, user, password, dialect));
    }

    @Test
    void userInfoDecodesLikeSqlalchemyWherePlusStaysPlus() {
        // SQLAlchemy's make_url() unquotes with urllib's unquote(), not unquote_plus(): '+' is literal.
        DatabaseUrl url = parse("postgresql://svc%2Bironic:a+b%2Fc%3A@h/ironic");
        assertThat(url.user()).isEqualTo("svc+ironic");
        assertThat(url.password()).isEqualTo("a+b/c:");
    }

    @Test
    void jdbcUrlsPassThroughWithTheirDialect() {
        assertThat(parse("jdbc:postgresql://h:5432/db?ssl=true"))
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://h:5432/db?ssl=true", null, null, Dialect.POSTGRESQL));
        assertThat(parse("  jdbc:mysql://h/db ").dialect()).isEqualTo(Dialect.MARIADB);
        assertThat(parse("jdbc:mariadb://h/db").dialect()).isEqualTo(Dialect.MARIADB);
        assertThat(parse("jdbc:h2:mem:x").dialect()).isEqualTo(Dialect.H2);
        assertThatThrownBy(() -> parse("jdbc:oracle:thin:@h:1521:db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported JDBC URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptyMeansEmbeddedH2UnderTheStatePath(String connection) {
        DatabaseUrl url = parse(connection);
        assertThat(url.dialect()).isEqualTo(Dialect.H2);
        assertThat(url.jdbcUrl()).startsWith("jdbc:h2:file:" + STATE.resolve("ferrum") + ";");
        assertThat(DatabaseUrl.parse(null, Path.of("rel/state")).jdbcUrl())
                .startsWith("jdbc:h2:file:" + Path.of("rel/state/ferrum").toAbsolutePath() + ";");
    }

    @Test
    void sqliteIsRefusedWithAPointerToTheEmbeddedDatabase() {
        assertThatThrownBy(() -> parse("sqlite:////var/lib/ironic/ironic.sqlite"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SQLite is not supported")
                .hasMessageContaining("[database]connection empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://u:p@host", "postgresql://u:p@host/", "mysql+pymysql://root@127.0.0.1:3306/"})
    void aUrlWithoutADatabaseNameIsRefused(String connection) {
        assertThatThrownBy(() -> parse(connection))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no database");
    }

    @Test
    void otherBackendsAndNonUrlsAreRefused() {
        assertThatThrownBy(() -> parse("oracle+cx_oracle://u:p@h/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported database backend 'oracle'");
        assertThatThrownBy(() -> parse("ironic.db.example.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a database URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "postgresql+psycopg2://ironic:Sup3r-S3cret@db/ironic",
            "mysql+pymysql://ironic:Sup3r-S3cret@db:3306/ironic?charset=utf8",
            "jdbc:postgresql://db/ironic?user=ironic&password=Sup3r-S3cret",
            "jdbc:mariadb://db/ironic?password=Sup3r-S3cret&user=ironic",
            "jdbc:mysql://ironic:Sup3r-S3cret@db:3306/ironic",
    })
    void thePasswordNeverAppearsInToString(String connection) {
        String shown = parse(connection).toString();
        assertThat(shown).doesNotContain("Sup3r-S3cret").contains("db").contains("ironic");
    }
}
