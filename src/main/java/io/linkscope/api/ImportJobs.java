package io.linkscope.api;

import io.vertx.core.json.JsonObject;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The imports this instance has accepted over HTTP, so that an import slower than the answer window can be answered
 * with 202 and polled, and a retried POST with the same {@code Idempotency-Key} gets the first one's answer instead of
 * a second import. What is committed is also in the graph (the import's receipt, written in its own transaction), so
 * a poll or a retry reaching another instance, or this one after a restart, still learns the truth.
 */
final class ImportJobs {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long KEEP_MS = 3_600_000L;
    private static final int MAX_JOBS = 10_000;

    enum State { pending, committed, rejected, failed }

    /** An answer as it was (or will be) sent: status and JSON body. */
    record Answer(int status, JsonObject body) {
    }

    static final class Job {
        final String id;
        final String tenant;
        final String idempotencyKey;
        final String bodyHash;
        final Instant submittedAt = Instant.now();
        private volatile State state = State.pending;
        private volatile Answer answer;
        private volatile Instant finishedAt;

        private Job(String id, String tenant, String idempotencyKey, String bodyHash) {
            this.id = id;
            this.tenant = tenant;
            this.idempotencyKey = idempotencyKey;
            this.bodyHash = bodyHash;
        }

        State state() {
            return state;
        }

        Answer answer() {
            return answer;
        }

        void finish(State state, Answer answer) {
            this.answer = answer;
            this.finishedAt = Instant.now();
            this.state = state;
        }

        /** {@code GET …/imports/{id}}: the state, and the outcome or the problem once there is one. */
        JsonObject status() {
            JsonObject doc = new JsonObject().put("id", id).put("tenant", tenant).put("state", state.name())
                    .put("submittedAt", submittedAt.toString());
            if (finishedAt != null) doc.put("finishedAt", finishedAt.toString());
            if (answer != null) doc.put(state == State.committed ? "outcome" : "problem", answer.body());
            return doc;
        }
    }

    private final Map<String, Job> byId = new ConcurrentHashMap<>();
    private final Map<String, Job> byKey = new ConcurrentHashMap<>();

    Job create(String tenant, String idempotencyKey, String bodyHash) {
        evictOld();
        byte[] random = new byte[18];
        RANDOM.nextBytes(random);
        Job job = new Job("imp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random), tenant, idempotencyKey, bodyHash);
        byId.put(job.id, job);
        if (idempotencyKey != null) byKey.put(tenant + "\u0000" + idempotencyKey, job);
        return job;
    }

    Optional<Job> byId(String tenant, String id) {
        Job job = byId.get(id);
        return job != null && job.tenant.equals(tenant) ? Optional.of(job) : Optional.empty();
    }

    Optional<Job> byKey(String tenant, String idempotencyKey) {
        return Optional.ofNullable(byKey.get(tenant + "\u0000" + idempotencyKey));
    }

    /** How many imports are still running here: a graceful stop waits for them. */
    long pending() {
        return byId.values().stream().filter(j -> j.state == State.pending).count();
    }

    private void evictOld() {
        Instant cutoff = Instant.now().minusMillis(KEEP_MS);
        boolean full = byId.size() >= MAX_JOBS;
        for (Iterator<Job> it = byId.values().iterator(); it.hasNext(); ) {
            Job j = it.next();
            if (j.state != State.pending && (full || j.finishedAt.isBefore(cutoff))) {
                it.remove();
                if (j.idempotencyKey != null) byKey.remove(j.tenant + "\u0000" + j.idempotencyKey, j);
            }
        }
    }
}
