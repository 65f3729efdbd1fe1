package dev.ferrum.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One blocking HTTP/1.1 keep-alive connection, used by one client thread at a time.
 *
 * <p>Why not a library client: on a 2-core machine the load client shares the cores with the server under test,
 * and Apache HttpClient's exec chain (routes, interceptors, URI rebuilding, header groups) spent ~0.1 ms of CPU
 * per request, as much as Ferrum spent answering it. A load client has to be lighter than what it measures, which
 * is why wrk and h2load speak HTTP themselves. This speaks just the part of HTTP/1.1 an Ironic API uses: one
 * request at a time, bodies by Content-Length or chunked, or up to the close when a response has neither.
 */
final class Http1Connection implements AutoCloseable {

    /** A response: status code and body bytes (UTF-8 JSON, as received). */
    record Response(int status, byte[] body) {
    }

    private static final byte[] EMPTY = new byte[0];

    private static final byte[] CRLF = {'\r', '\n'};

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[64 * 1024];
    /**
     * Where a body larger than what {@code buf} holds is put together, kept for the connection's next responses:
     * growing a fresh stream by doubling for each page of a list was a fifth of the client's CPU.
     */
    private byte[] assembly = new byte[64 * 1024];
    private int assembled;
    private int pos;
    private int end;
    private boolean open = true;
    /** System.nanoTime() of the end of the last exchange: an idle connection may have been closed by the server. */
    long lastUsed = System.nanoTime();
    /** Whether a response has come over this connection, so that an EOF before any byte means it went stale. */
    boolean used;

    Http1Connection(String host, int port, int timeoutMillis) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(timeoutMillis);
        socket.connect(new InetSocketAddress(host, port), timeoutMillis);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    boolean isOpen() {
        return open;
    }

    /**
     * Sends one request and reads its response. {@code head} is the request line and headers without the blank
     * line; Content-Length is added for a body. An EOF before the status line throws {@link StaleConnection}.
     */
    Response exchange(String head, byte[] body) throws IOException {
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        String length = body == null ? "" : "Content-Length: " + body.length + "\r\n";
        byte[] l = length.getBytes(StandardCharsets.ISO_8859_1);
        int bodyLength = body == null ? 0 : body.length;
        // One write per request: head, blank line and body together.
        byte[] request = new byte[h.length + l.length + 2 + bodyLength];
        System.arraycopy(h, 0, request, 0, h.length);
        System.arraycopy(l, 0, request, h.length, l.length);
        System.arraycopy(CRLF, 0, request, h.length + l.length, 2);
        if (body != null) {
            System.arraycopy(body, 0, request, h.length + l.length + 2, bodyLength);
        }
        try {
            out.write(request);
            out.flush();
            Response r = readResponse();
            lastUsed = System.nanoTime();
            used = true;
            return r;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Response readResponse() throws IOException {
        String statusLine = readLine(true);
        // "HTTP/1.1 200 OK"
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        boolean http10 = statusLine.charAt(7) == '0';
        int status = Integer.parseInt(statusLine, 9, 12, 10);
        long contentLength = -1;
        boolean chunked = false;
        boolean close = http10;
        for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String value = line.substring(colon + 1).trim();
            if (line.regionMatches(true, 0, "content-length", 0, colon) && colon == 14) {
                contentLength = Long.parseLong(value);
            } else if (line.regionMatches(true, 0, "transfer-encoding", 0, colon) && colon == 17) {
                chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            } else if (line.regionMatches(true, 0, "connection", 0, colon) && colon == 10) {
                String v = value.toLowerCase(Locale.ROOT);
                close = v.contains("close") || (http10 && !v.contains("keep-alive"));
            }
        }
        byte[] body;
        if (status == 204 || status == 304 || status / 100 == 1) {
            body = EMPTY;
        } else if (chunked) {
            body = readChunked();
        } else if (contentLength >= 0) {
            body = readBytes((int) contentLength);
        } else {
            body = readToClose();
            close = true;
        }
        if (close) {
            close();
        }
        return new Response(status, body);
    }

    private byte[] readChunked() throws IOException {
        assembled = 0;
        while (true) {
            String sizeLine = readLine(false);
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            if (size == 0) {
                while (!readLine(false).isEmpty()) {
                    // trailers: none that matter here
                }
                return Arrays.copyOf(assembly, assembled);
            }
            assemble(size);
            if (!readLine(false).isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    private byte[] readBytes(int length) throws IOException {
        if (length <= end - pos) {
            byte[] b = Arrays.copyOfRange(buf, pos, pos + length);
            pos += length;
            return b;
        }
        assembled = 0;
        assemble(length);
        return Arrays.copyOf(assembly, assembled);
    }

    private byte[] readToClose() throws IOException {
        assembled = 0;
        while (pos < end || fill()) {
            append(end - pos);
        }
        return Arrays.copyOf(assembly, assembled);
    }

    /** Moves {@code length} bytes of the response from the connection to the assembly buffer. */
    private void assemble(int length) throws IOException {
        while (length > 0) {
            if (pos == end && !fill()) {
                throw new EOFException("connection closed inside a response body");
            }
            int chunk = Math.min(length, end - pos);
            append(chunk);
            length -= chunk;
        }
    }

    private void append(int n) {
        if (assembled + n > assembly.length) {
            assembly = Arrays.copyOf(assembly, Math.max(2 * assembly.length, assembled + n));
        }
        System.arraycopy(buf, pos, assembly, assembled, n);
        assembled += n;
        pos += n;
    }

    /** A header line without its CRLF (a bare LF is accepted too). */
    private String readLine(boolean first) throws IOException {
        StringBuilder sb = null;
        while (true) {
            if (pos == end && !fill()) {
                if (first && sb == null) {
                    throw new StaleConnection();
                }
                throw new EOFException("connection closed inside a response head");
            }
            for (int i = pos; i < end; i++) {
                if (buf[i] == '\n') {
                    int stop = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    String part = new String(buf, pos, stop - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    if (sb == null) {
                        return part;
                    }
                    sb.append(part);
                    int last = sb.length() - 1;
                    if (last >= 0 && sb.charAt(last) == '\r') {
                        sb.setLength(last);
                    }
                    return sb.toString();
                }
            }
            if (sb == null) {
                sb = new StringBuilder();
            }
            sb.append(new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1));
            pos = end;
        }
    }

    /** Reads more into the (empty) buffer; false at EOF. */
    private boolean fill() throws IOException {
        pos = 0;
        end = 0;
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            return false;
        }
        end = n;
        return true;
    }

    @Override
    public void close() {
        open = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a connection we are done with
        }
    }

    /** The server closed a kept-alive connection before answering: the request may be sent again on a new one. */
    static final class StaleConnection extends EOFException {
        StaleConnection() {
            super("connection closed before a response");
        }
    }
}
