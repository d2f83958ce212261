package io.linkscope.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.core.IntervalFunction;
import io.linkscope.runtime.Addresses;
import io.linkscope.analysis.AnalysisService;
import io.linkscope.analysis.RiskEvents;
import io.linkscope.analysis.TenantAnalysis;
import io.linkscope.collect.pull.SourceStatus;
import io.linkscope.config.AppConfig;
import io.linkscope.graph.IntegrationStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Outgoing risk webhooks (README "Webhooks"). After each background analysis of a tenant it diffs the result
 * against the tenant's baseline in the graph ({@link RiskEvents}), saves the new baseline and the events to an
 * outbox in one transaction, then POSTs each event to every webhook that wants it.
 * <p>
 * Delivery is at least once: an event stays pending in the graph until the receiver answers 2xx or the attempts
 * run out, and pending events are resent after a restart. Every attempt carries the same event id and body;
 * {@code X-Linkscope-Signature: sha256=HMAC-SHA256(secret, timestamp + "." + body)} with the
 * {@code X-Linkscope-Timestamp} it covers.
 */
public final class WebhookVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookVerticle.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<AppConfig.Webhook> hooks;
    private final Map<String, AppConfig.Webhook> byId = new LinkedHashMap<>();
    private final Map<String, HookStatus> status = new LinkedHashMap<>();
    private final Map<String, IntervalFunction> backoff = new HashMap<>();
    private final AnalysisService analysis;
    private final IntegrationStore store;
    private final io.linkscope.report.Messages words;
    private final Set<String> inFlight = new HashSet<>();
    /**
     * When each delivery's outcome was saved (nanoTime, event-loop only): an outbox read that started before that
     * may still list the event as pending, and must not send it again.
     */
    private final Map<String, Long> settledAt = new HashMap<>();
    private final Map<String, Future<Void>> tenantChains = new HashMap<>();
    private WebClient client;
    private boolean stopped;

    /** In-memory delivery figures per webhook, for {@code GET /api/v1/sources}. */
    private static final class HookStatus {
        final String url;
        volatile String lastSuccessAt;
        volatile String lastErrorAt;
        volatile String lastError;
        volatile long delivered;
        volatile long failed;

        HookStatus(String url) {
            this.url = url;
        }
    }

    /** @param words the language of the events' {@code reasons} (the configured default: a webhook has no reader to ask) */
    public WebhookVerticle(List<AppConfig.Webhook> hooks, AnalysisService analysis, IntegrationStore store, io.linkscope.report.Messages words) {
        this.hooks = hooks;
        this.words = words;
        this.analysis = analysis;
        this.store = store;
        hooks.forEach(h -> {
            byId.put(id(h), h);
            status.put(id(h), new HookStatus(SourceStatus.redact(h.url())));
            backoff.put(id(h), IntervalFunction.ofExponentialRandomBackoff(h.backoff(), 2.0, 0.5, h.maxBackoff()));
        });
    }

    /** A webhook's id in the outbox: a digest of its URL, so URLs (which may carry tokens) stay out of the graph. */
    public static String id(AppConfig.Webhook hook) {
        try {
            return "wh_" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(hook.url().getBytes(StandardCharsets.UTF_8)), 0, 6);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Future<?> start() {
        client = WebClient.create(vertx);
        vertx.eventBus().<String>consumer(Addresses.ANALYSIS_UPDATED, m -> changed(m.body()));
        vertx.eventBus().<JsonObject>consumer(ADDRESS_STATUS, m -> m.reply(statusJson()));
        vertx.setTimer(1, id -> deliverPending());
        return Future.succeededFuture();
    }

    /** Ask for the delivery status (a JsonObject) over the event bus. */
    public static final String ADDRESS_STATUS = "linkscope.webhooks.status";

    @Override
    public Future<?> stop() {
        stopped = true;
        client.close();
        return Future.succeededFuture();
    }

    /** One diff at a time per tenant, in arrival order. */
    private void changed(String tenant) {
        Future<Void> previous = tenantChains.getOrDefault(tenant, Future.succeededFuture());
        Future<Void> next = previous.transform(ignored -> vertx.executeBlocking(() -> {
            diff(tenant);
            return null;
        }, false)).<Void>mapEmpty().onFailure(e -> LOG.warn("webhook diff for tenant={} failed: {}", tenant, e.toString()))
                .otherwiseEmpty().onComplete(ar -> deliverPending());
        tenantChains.put(tenant, next);
        next.onComplete(ar -> {
            if (tenantChains.get(tenant) == next) tenantChains.remove(tenant);
        });
    }

    /** Blocking: baseline in, events out, both committed together. */
    private void diff(String tenant) throws JsonProcessingException {
        for (int tries = 0; tries < 3; tries++) {
            IntegrationStore.Baseline saved = store.baseline(tenant);
            RiskEvents.Baseline before = saved.state() == null ? RiskEvents.Baseline.EMPTY
                    : JSON.readValue(saved.state(), RiskEvents.Baseline.class);
            TenantAnalysis now = analysis.result(tenant);
            RiskEvents.Baseline after = RiskEvents.Baseline.of(now);
            if (after.equals(before) && saved.state() != null) return;
            List<RiskEvents.Event> events = RiskEvents.diff(before, after, saved.revision(), now, words::reason);
            List<IntegrationStore.OutgoingEvent> out = new ArrayList<>();
            String createdAt = Instant.now().toString();
            for (RiskEvents.Event e : events) {
                List<String> pending = hooks.stream().filter(h -> h.wants(tenant, e.type())).map(WebhookVerticle::id).toList();
                if (pending.isEmpty()) continue;
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("id", e.id());
                payload.put("type", e.type());
                payload.put("tenant", e.tenant());
                payload.put("createdAt", createdAt);
                payload.put("graphVersion", e.graphVersion());
                payload.put("data", e.data());
                out.add(new IntegrationStore.OutgoingEvent(e.id(), tenant, e.type(), JSON.writeValueAsString(payload), pending));
            }
            if (store.advance(tenant, saved.revision(), JSON.writeValueAsString(after), out)) {
                if (!out.isEmpty()) LOG.info("tenant={}: {} webhook event(s) queued", tenant, out.size());
                return;
            }
        }
        LOG.warn("tenant={}: the risk baseline kept changing under this instance; the next analysis tries again", tenant);
    }

    private void deliverPending() {
        if (stopped) return;
        long readStart = System.nanoTime();
        settledAt.values().removeIf(t -> readStart - t > 60_000_000_000L);
        vertx.executeBlocking(() -> store.pending(500), false).onSuccess(events -> {
            for (IntegrationStore.OutgoingEvent e : events) {
                for (String hookId : e.pending()) {
                    AppConfig.Webhook hook = byId.get(hookId);
                    if (hook == null) continue; // a webhook removed from the configuration
                    String key = e.id() + "|" + hookId;
                    Long settled = settledAt.get(key);
                    if (settled != null && settled - readStart >= 0) continue; // read before its outcome was saved
                    if (inFlight.add(key)) deliver(e, hookId, hook, 1);
                }
            }
        }).onFailure(e -> LOG.warn("cannot read the webhook outbox: {}", e.toString()));
    }

    private void deliver(IntegrationStore.OutgoingEvent event, String hookId, AppConfig.Webhook hook, int attempt) {
        if (stopped) return;
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        HookStatus hs = status.get(hookId);
        client.postAbs(hook.url()).timeout(hook.timeout())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "linkscope-webhooks")
                .putHeader("X-Linkscope-Event", event.type())
                .putHeader("X-Linkscope-Event-Id", event.id())
                .putHeader("X-Linkscope-Delivery-Attempt", String.valueOf(attempt))
                .putHeader("X-Linkscope-Timestamp", timestamp)
                .putHeader("X-Linkscope-Signature", "sha256=" + sign(hook.secret(), timestamp, event.payload()))
                .sendBuffer(Buffer.buffer(event.payload()))
                .onComplete(ar -> {
                    int code = ar.succeeded() ? ar.result().statusCode() : 0;
                    if (code >= 200 && code < 300) {
                        hs.delivered++;
                        hs.lastSuccessAt = Instant.now().toString();
                        settle(event, hookId, true);
                        return;
                    }
                    String error = ar.succeeded() ? "HTTP " + code : io.linkscope.collect.pull.CollectorVerticle.describe(ar.cause());
                    hs.lastError = "event " + event.id() + " attempt " + attempt + ": " + error;
                    hs.lastErrorAt = Instant.now().toString();
                    if (attempt < hook.attempts() && !stopped) {
                        long delay = backoff.get(hookId).apply(attempt);
                        LOG.info("webhook {} event {} attempt {} failed ({}); retrying in {} ms", hookId, event.id(), attempt, error, delay);
                        vertx.setTimer(delay, t -> deliver(event, hookId, hook, attempt + 1));
                    } else {
                        hs.failed++;
                        LOG.warn("webhook {} event {} given up after {} attempts ({})", hookId, event.id(), attempt, error);
                        settle(event, hookId, false);
                    }
                });
    }

    private void settle(IntegrationStore.OutgoingEvent event, String hookId, boolean delivered) {
        vertx.executeBlocking(() -> {
            store.settle(event.id(), hookId, delivered);
            return null;
        }, false).onComplete(ar -> {
            // if the outcome was not saved the event is still pending in the graph and the next round resends it
            inFlight.remove(event.id() + "|" + hookId);
            if (ar.succeeded()) settledAt.put(event.id() + "|" + hookId, System.nanoTime());
            if (ar.failed()) LOG.warn("webhook {} event {}: outcome not saved: {}", hookId, event.id(), ar.cause().toString());
        });
    }

    /** Hex HMAC-SHA256 of {@code timestamp + "." + body}. */
    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonObject statusJson() {
        JsonArray list = new JsonArray();
        status.forEach((id, s) -> list.add(new JsonObject().put("id", id).put("url", s.url).put("delivered", s.delivered)
                .put("failed", s.failed).put("lastSuccessAt", s.lastSuccessAt).put("lastErrorAt", s.lastErrorAt)
                .put("lastError", s.lastError)));
        return new JsonObject().put("hooks", list).put("inFlight", inFlight.size());
    }
}
