package dev.ferrum.rpc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code [DEFAULT]transport_url} in Ironic's format: {@code rabbit://user:pass@host:port[,user:pass@host2:port2]/vhost}.
 * Several hosts are tried in order (a RabbitMQ cluster); the credentials of the first host are used for all of them.
 */
public record TransportUrl(List<Host> hosts, String virtualHost) {
    public static final int DEFAULT_PORT = 5672;

    public record Host(String host, int port, String user, String password) {
        @Override
        public String toString() {
            return (user == null ? "" : user + ":******@") + host + ":" + port;
        }
    }

    public static TransportUrl parse(String url) {
        String u = url == null ? "" : url.strip();
        if (u.isEmpty()) {
            throw new IllegalArgumentException("empty; set it to rabbit://user:password@host:5672/");
        }
        int sep = u.indexOf("://");
        if (sep < 0 || !u.substring(0, sep).equals("rabbit")) {
            throw new IllegalArgumentException("only rabbit:// URLs are supported, e.g. rabbit://guest:guest@127.0.0.1:5672/");
        }
        String rest = u.substring(sep + 3);
        int q = rest.indexOf('?');
        if (q >= 0) {
            rest = rest.substring(0, q); // oslo's query options (ssl, heartbeat...) have no equivalent here yet
        }
        int slash = rest.indexOf('/');
        String hostsPart = slash < 0 ? rest : rest.substring(0, slash);
        String vhost = slash < 0 ? "" : decode(rest.substring(slash + 1));
        List<Host> hosts = new ArrayList<>();
        for (String h : hostsPart.split(",")) {
            if (!h.isBlank()) {
                hosts.add(host(h.strip()));
            }
        }
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("names no host");
        }
        // oslo.messaging: an empty virtual host means RabbitMQ's default one
        return new TransportUrl(List.copyOf(hosts), vhost.isEmpty() ? "/" : vhost);
    }

    private static Host host(String spec) {
        String user = null;
        String password = null;
        int at = spec.lastIndexOf('@');
        if (at >= 0) {
            String[] up = spec.substring(0, at).split(":", 2);
            user = decode(up[0]);
            password = up.length > 1 ? decode(up[1]) : "";
            spec = spec.substring(at + 1);
        }
        String host = spec;
        int port = DEFAULT_PORT;
        int colon = spec.lastIndexOf(':');
        if (colon >= 0 && !spec.endsWith("]")) {
            host = spec.substring(0, colon);
            try {
                port = Integer.parseInt(spec.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad port in '" + spec + "'");
            }
        }
        host = host.replaceAll("^\\[(.*)]$", "$1");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("a host is empty");
        }
        return new Host(host, port, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "rabbit://" + String.join(",", hosts.stream().map(Host::toString).toList()) + "/"
                + (virtualHost.equals("/") ? "" : virtualHost);
    }
}
