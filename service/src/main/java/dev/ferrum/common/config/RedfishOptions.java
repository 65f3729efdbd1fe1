package dev.ferrum.common.config;

import java.util.Set;

/** The [redfish] section: options of the redfish hardware type's interfaces (names as in ironic.conf). */
public final class RedfishOptions {
    public static final Opt<String> AUTH_TYPE = Opt.choice("redfish", "auth_type", "auto", Set.of("auto", "basic", "session"),
            "How to authenticate to BMCs: a session (X-Auth-Token), HTTP basic, or a session falling back to basic ('auto').");
    public static final Opt<Integer> CONNECTION_ATTEMPTS = Opt.integer("redfish", "connection_attempts", 5, 1, 100,
            "Attempts of a request to a BMC that cannot be reached or answers 503 before the operation fails.");
    public static final Opt<Integer> CONNECTION_RETRY_INTERVAL = Opt.integer("redfish", "connection_retry_interval", 4, 0, 600,
            "Seconds between those attempts.");
    public static final Opt<Integer> CONNECTION_CACHE_SIZE = Opt.integer("redfish", "connection_cache_size", 1000, 1, 1000000,
            "BMC sessions kept open for reuse; the least recently used one is logged out beyond this.");
    public static final Opt<Integer> REQUEST_TIMEOUT = Opt.integer("redfish", "request_timeout", 60, 1, 3600,
            "Seconds Ferrum waits for a BMC's answer to one request.");
    public static final Opt<Integer> MAX_CONCURRENT_REQUESTS = Opt.integer("redfish", "max_concurrent_requests", 4, 1, 1000,
            "Requests in flight to one BMC at once; all of them share one session per BMC and user.");

    private RedfishOptions() {
    }
}
