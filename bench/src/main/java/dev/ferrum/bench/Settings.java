package dev.ferrum.bench;

/** The options every target of a run shares, so that both sides of a comparison see the same load. */
record Settings(int concurrency, int listRepeats, int pageLimit, int pollIntervalMs, int pollMaxMs,
                int settleTimeoutSeconds) {
}
