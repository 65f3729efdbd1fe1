package dev.ferrum.db;

import java.util.Locale;

/**
 * When a write has to be durable. Outside any scope, a handle that wrote on the embedded H2 database returns only
 * once its changes are in the file ({@link GroupCommit}), and PostgreSQL commits synchronously, as it is configured.
 * Two scopes on a thread change that:
 *
 * <ul>
 *   <li>{@link #deferred}: a conductor worker's progress (a node moving on from "verifying", "deploying"...) is
 *       acknowledged to nobody, so its writes never wait: on H2 they ride the next store (at most 50 ms later, see
 *       {@link GroupCommit}), on PostgreSQL they commit with {@code synchronous_commit} off ({@link AsyncCommit}).
 *       What a crash in that window loses is a transient state that recovery on restart treats like any
 *       interrupted work.
 *   <li>{@link #beginAnswer}/{@link #endAnswer}: an API request's writes are acknowledged only by its response, so
 *       they need to be durable when it is sent, not each at its own commit. Within the scope writes do not wait;
 *       its end says whether one happened, and then {@link Database#awaitDurable} waits once for all of them. Why: a
 *       provision or power request takes the node's lock, saves the new state and records history, three commits
 *       that each waited for a store or a WAL flush before the 202.
 * </ul>
 *
 * <p>MariaDB commits durably as usual in either scope.
 */
public final class Durability {
    private enum Mode { DEFERRED, ANSWER }

    private static final class Scope {
        final Mode mode;
        boolean wrote;

        Scope(Mode mode) {
            this.mode = mode;
        }
    }

    private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();

    private Durability() {
    }

    /** Runs {@code work} on this thread with its writes' durability deferred. */
    public static void deferred(Runnable work) {
        Scope outer = SCOPE.get();
        if (outer != null && outer.mode == Mode.DEFERRED) {
            work.run();
            return;
        }
        SCOPE.set(new Scope(Mode.DEFERRED));
        try {
            work.run();
        } finally {
            if (outer == null) {
                SCOPE.remove();
            } else {
                SCOPE.set(outer);
            }
        }
    }

    /** Begins an answer's scope on this thread (replacing any left over), for {@link #endAnswer} to end. */
    public static void beginAnswer() {
        SCOPE.set(new Scope(Mode.ANSWER));
    }

    /** Ends this thread's answer scope: true when something in it wrote, to be made durable before answering. */
    public static boolean endAnswer() {
        Scope s = SCOPE.get();
        SCOPE.remove();
        return s != null && s.mode == Mode.ANSWER && s.wrote;
    }

    static boolean isDeferred() {
        Scope s = SCOPE.get();
        return s != null && s.mode == Mode.DEFERRED;
    }

    /** Whether a write on this thread is made durable later than its commit (either scope). */
    static boolean isLater() {
        return SCOPE.get() != null;
    }

    /** Notes a write in this thread's answer scope, if it has one; true if so (its end makes it durable). */
    static boolean wroteInAnswer() {
        Scope s = SCOPE.get();
        if (s == null || s.mode != Mode.ANSWER) {
            return false;
        }
        s.wrote = true;
        return true;
    }

    /** Notes {@code sql} as a write of this thread's answer scope if it has one and the statement changes data. */
    static void noteWriteInAnswer(String sql) {
        Scope s = SCOPE.get();
        // The scope first: most statements run outside one, and the SQL's verb costs a string or two to read.
        if (s != null && s.mode == Mode.ANSWER && !s.wrote && changesData(sql)) {
            s.wrote = true;
        }
    }

    /** Whether a statement may change data (so that its commit has something to make durable). */
    static boolean changesData(String sql) {
        String s = sql == null ? "" : sql.stripLeading();
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        return switch (s.substring(0, end).toUpperCase(Locale.ROOT)) {
            case "SELECT", "WITH", "VALUES", "SET", "RESET", "SHOW" -> false;
            default -> true;
        };
    }
}
