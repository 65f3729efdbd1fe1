package dev.ferrum.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Turns {@code [database]connection} into a JDBC URL and credentials. Accepts what operators already have
 * in ironic.conf (SQLAlchemy URLs such as {@code postgresql+psycopg2://u:p@host/db} or
 * {@code mysql+pymysql://u:p@host/db}) as well as plain JDBC URLs; empty means embedded H2.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password, Dialect dialect) {

    @Override
    public String toString() {
        // never the password, not even one written into a JDBC URL
        String shown = jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1******").replaceAll("//([^/@:]*):[^/@]*@", "//$1:******@");
        return shown + (user == null ? "" : " as " + user);
    }

    public static DatabaseUrl parse(String connection, Path statePath) {
        String c = connection == null ? "" : connection.strip();
        if (c.isEmpty()) {
            Path file = statePath.toAbsolutePath().normalize().resolve("ferrum");
            // No WRITE_DELAY=0 (a chunk per commit): Database's group commit makes acknowledged writes durable.
            // CACHE_SIZE (KiB): H2's default 16 MiB page cache holds only ~10,000 nodes' rows, so reads of a larger
            // inventory kept deserializing pages from the file.
            return new DatabaseUrl("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=65536", "sa", "", Dialect.H2);
        }
        if (c.startsWith("jdbc:")) {
            return new DatabaseUrl(c, null, null, Dialect.ofJdbcUrl(c));
        }
        int sep = c.indexOf("://");
        if (sep < 0) {
            throw new IllegalArgumentException("not a database URL");
        }
        String scheme = c.substring(0, sep);
        String backend = scheme.contains("+") ? scheme.substring(0, scheme.indexOf('+')) : scheme;
        Dialect dialect = switch (backend) {
            case "postgresql", "postgres" -> Dialect.POSTGRESQL;
            case "mysql", "mariadb" -> Dialect.MARIADB;
            case "sqlite" -> throw new IllegalArgumentException(
                    "SQLite is not supported; leave [database]connection empty for the embedded H2 database");
            default -> throw new IllegalArgumentException("unsupported database backend '" + backend + "'");
        };
        URI uri;
        try {
            uri = new URI("db" + c.substring(sep));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed database URL");
        }
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String db = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (db.isEmpty()) {
            throw new IllegalArgumentException("the database URL names no database");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] up = uri.getRawUserInfo().split(":", 2);
            user = decode(up[0]);
            password = up.length > 1 ? decode(up[1]) : null;
        }
        String jdbc = (dialect == Dialect.POSTGRESQL ? "jdbc:postgresql://" : "jdbc:mariadb://") + host + port + "/" + db;
        return new DatabaseUrl(jdbc, user, password, dialect);
    }

    private static String decode(String s) {
        // SQLAlchemy unquotes with urllib's unquote(), so '+' is a literal plus, not a space.
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
