package io.linkscope.collect.pull;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.linkscope.runtime.Addresses;
import io.linkscope.collect.ImportMode;
import io.linkscope.collect.ImportOutcome;
import io.linkscope.collect.ImportProblem;
import io.linkscope.collect.ImportRequest;
import io.linkscope.collect.ImportVerticle;
import io.linkscope.collect.PortfolioParser;
import io.linkscope.config.AppConfig;
import io.linkscope.graph.IntegrationStore;
import io.linkscope.graph.WriteBatch;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Polls one configured HTTP source on a schedule with the Vert.x Web Client and sends what it pulled down the
 * import path every collector uses ({@link Addresses#IMPORT}: the same validation and GraphWriter as HTTP and
 * file imports).
 * <p>
 * One poll reads every page first and then writes them as one document, so a source that fails half-way
 * (an HTTP error, a timeout, garbage, a cut-off page) leaves nothing behind; a cursored feed's position is
 * committed in the same transaction as its data. Each request has a timeout and is retried with exponential
 * backoff and jitter; consecutive failed requests open a circuit breaker. Polls never overlap: the next one is
 * scheduled when the previous one ends.
 */
public final class CollectorVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorVerticle.class);
    /** Ask a collector to poll now: {@code linkscope.sources.poll.<name>}. */
    public static final String POLL_ADDRESS = "linkscope.sources.poll.";
    private static final Pattern STORE_INDEX = Pattern.compile("^stores\\[(\\d+)]");

    private final AppConfig.Source source;
    private final PullFormat format;
    private final SourceStatus.Entry status;
    private final IntegrationStore store;
    private final CircuitBreaker breaker;
    private final IntervalFunction backoff;
    private WebClient client;
    private long timer = -1;
    private boolean running;
    private boolean stopped;

    public CollectorVerticle(AppConfig.Source source, SourceStatus board, IntegrationStore store) {
        this.source = source;
        this.format = PullFormat.of(source);
        this.store = store;
        this.status = board.register(source.name(), source.kind(), source.tenant(), source.url());
        this.breaker = CircuitBreaker.of(source.name(), CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(source.breakerThreshold())
                .minimumNumberOfCalls(source.breakerThreshold())
                .failureRateThreshold(100f)
                .waitDurationInOpenState(Duration.ofMillis(Math.max(1, source.breakerOpen())))
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
        this.breaker.getEventPublisher().onStateTransition(e -> {
            status.breaker(e.getStateTransition().getToState().name());
            LOG.warn("source {}: circuit {}", source.name(), e.getStateTransition());
        });
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(source.backoff(), 2.0, 0.5, source.maxBackoff());
    }

    private boolean cursored() {
        return "login-events".equals(source.kind());
    }

    private String cursorId() {
        return source.tenant() + "|" + source.name();
    }

    @Override
    public Future<?> start() {
        client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, source.timeout()))
                .setUserAgent("linkscope-collector")
                .setFollowRedirects(true));
        vertx.eventBus().<String>consumer(POLL_ADDRESS + source.name(), m -> {
            m.reply(running ? "already polling" : "started");
            if (!running) poll();
        });
        timer = vertx.setTimer(1, id -> poll());
        LOG.info("source {} ({}) for tenant {} polls {} every {} ms", source.name(), source.kind(), source.tenant(),
                SourceStatus.redact(source.url()), source.interval());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        stopped = true;
        vertx.cancelTimer(timer);
        client.close();
        return Future.succeededFuture();
    }

    /** Everything one poll gathered. */
    private static final class Poll {
        final PulledDocument document = new PulledDocument();
        final List<String> problems = new ArrayList<>();
        final String startCursor;
        String cursor;
        int pages;

        Poll(String cursor) {
            this.startCursor = cursor;
            this.cursor = cursor;
        }
    }

    /** A poll that ends without writing, with its reason for the status. */
    private static final class PollFailed extends RuntimeException {
        final List<String> problems;

        PollFailed(String message, List<String> problems) {
            super(message, null, false, false);
            this.problems = problems;
        }
    }

    private void poll() {
        if (running || stopped) return;
        running = true;
        vertx.cancelTimer(timer);
        status.polling();
        Future<String> cursor = cursored()
                ? vertx.executeBlocking(() -> store.cursor(cursorId()).orElse(null), false)
                : Future.succeededFuture(null);
        cursor.compose(c -> {
                    status.cursor(c);
                    Poll p = new Poll(c);
                    return pages(format.firstPage(c), 1, p);
                })
                .compose(this::write)
                .onComplete(ar -> {
                    running = false;
                    if (ar.failed()) {
                        String message = ar.cause() instanceof PollFailed || ar.cause() instanceof PullFormat.PullException
                                ? ar.cause().getMessage() : "poll failed: " + describe(ar.cause());
                        status.failed(message, ar.cause() instanceof PollFailed pf ? pf.problems : List.of());
                        LOG.warn("source {}: {}", source.name(), message);
                    }
                    if (!stopped) {
                        status.nextPoll(Instant.now().plusMillis(source.interval()));
                        timer = vertx.setTimer(Math.max(1, source.interval()), id -> poll());
                    }
                });
    }

    private Future<Poll> pages(String url, int page, Poll poll) {
        return fetch(url, page, 1).compose(response -> {
            PullFormat.Page parsed;
            try {
                parsed = format.parse(response.body() == null ? new byte[0] : response.body().getBytes(),
                        response.getHeader("Content-Type"), page, url);
            } catch (PullFormat.PullException e) {
                return Future.failedFuture(new PollFailed(e.getMessage() + "; nothing from this poll was written", List.of()));
            }
            poll.pages = page;
            parsed.records().forEach(poll.document::add);
            poll.problems.addAll(parsed.problems());
            if (parsed.cursor() != null) poll.cursor = parsed.cursor();
            String next = parsed.next();
            if (next == null || next.equals(url) || page >= source.pagesPerPoll()) return Future.succeededFuture(poll);
            return pages(next, page + 1, poll);
        });
    }

    private Future<HttpResponse<Buffer>> fetch(String url, int page, int attempt) {
        if (!breaker.tryAcquirePermission()) {
            return Future.failedFuture(new PollFailed("circuit open after " + source.breakerThreshold()
                    + " failed requests; the next request goes out " + source.breakerOpen() + " ms after it opened", List.of()));
        }
        long started = System.nanoTime();
        var request = client.requestAbs(HttpMethod.GET, url).timeout(source.timeout())
                .putHeader("Accept", "application/json, application/x-ndjson;q=0.9");
        if (source.headers() != null) source.headers().forEach(request::putHeader);
        return request.send().transform(ar -> {
            long elapsed = System.nanoTime() - started;
            int code = ar.succeeded() ? ar.result().statusCode() : 0;
            if (ar.succeeded() && code >= 200 && code < 300) {
                breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
                return Future.succeededFuture(ar.result());
            }
            String error = ar.succeeded() ? "HTTP " + code + " " + ar.result().statusMessage() : describe(ar.cause());
            breaker.onError(elapsed, TimeUnit.NANOSECONDS, new RuntimeException(error));
            boolean retryable = ar.failed() || code >= 500 || code == 429 || code == 408;
            if (retryable && attempt < source.attempts() && !stopped) {
                long delay = backoff.apply(attempt);
                String retryAfter = ar.succeeded() ? ar.result().getHeader("Retry-After") : null;
                if (retryAfter != null && retryAfter.matches("\\d{1,6}")) {
                    delay = Math.min(source.maxBackoff(), Math.max(delay, Long.parseLong(retryAfter) * 1000));
                }
                LOG.info("source {}: page {} attempt {} failed ({}); retrying in {} ms", source.name(), page, attempt, error, delay);
                return vertx.timer(delay, TimeUnit.MILLISECONDS).compose(v -> fetch(url, page, attempt + 1));
            }
            String hint = code == 401 || code == 403 ? " (check the source's credentials)" : "";
            return Future.failedFuture(new PollFailed("page " + page + ": " + error + hint
                    + (attempt > 1 ? " after " + attempt + " attempts" : "") + "; nothing from this poll was written", List.of()));
        });
    }

    private Future<Void> write(Poll poll) {
        PulledDocument doc = poll.document;
        boolean cursorMoved = poll.cursor != null && !poll.cursor.equals(poll.startCursor);
        if (!poll.problems.isEmpty() && !source.skipInvalid()) {
            return Future.failedFuture(new PollFailed(poll.problems.size() + " record(s) could not be read; nothing from this poll was "
                    + "written (onInvalid: reject)", poll.problems));
        }
        if (doc.stores() == 0 && !cursorMoved) {
            status.succeeded(doc.records(), 0, poll.problems.size(), poll.problems, null);
            return Future.succeededFuture();
        }
        WriteBatch.SourceCursor cursor = cursorMoved ? new WriteBatch.SourceCursor(cursorId(), poll.cursor) : null;
        ImportRequest request = new ImportRequest(source.tenant(), doc.toJson(cursored() ? "login-log" : "pull:" + source.name()),
                PortfolioParser.Format.JSON, source.skipInvalid() ? ImportMode.SKIP_INVALID : ImportMode.ALL_OR_NOTHING,
                "pull:" + source.name(), false, cursor);
        List<String> origins = doc.origins();
        return vertx.eventBus().<ImportOutcome>request(Addresses.IMPORT, request, ImportVerticle.WRITE_OPTIONS)
                .recover(e -> Future.failedFuture(new PollFailed((e instanceof ReplyException re && re.failureCode() == 503
                        ? "the graph is unavailable" : "the write failed: " + describe(e)) + "; nothing from this poll was written", List.of())))
                .compose(reply -> {
                    ImportOutcome outcome = reply.body();
                    List<String> problems = new ArrayList<>(poll.problems);
                    outcome.errors().forEach(p -> problems.add(locate(p, origins)));
                    if (!outcome.written() && (doc.stores() > 0 || cursor != null)) {
                        return Future.failedFuture(new PollFailed("the pulled records were rejected (" + outcome.errors().size()
                                + " invalid); nothing from this poll was written", problems));
                    }
                    int rejected = poll.problems.size() + outcome.storesRejected() + outcome.attributesRejected();
                    status.succeeded(doc.records(), outcome.storesAccepted(), rejected, problems, poll.cursor);
                    LOG.info("source {}: {} record(s) in {} page(s), {} store(s) written, {} rejected", source.name(),
                            doc.records(), poll.pages, outcome.storesAccepted(), rejected);
                    return Future.<Void>succeededFuture();
                });
    }

    /** The validator names {@code stores[i]…} of the assembled document; say which page and record that was. */
    private static String locate(ImportProblem p, List<String> origins) {
        Matcher m = STORE_INDEX.matcher(p.location() == null ? "" : p.location());
        String where = p.location();
        if (m.find()) {
            int i = Integer.parseInt(m.group(1));
            if (i < origins.size()) where = origins.get(i) + " (" + p.location() + ")";
        }
        return where + ": " + p.reason();
    }

    /** A failure's kind, never a body or a URL with its query. */
    public static String describe(Throwable e) {
        if (e instanceof java.util.concurrent.TimeoutException || e instanceof io.netty.handler.timeout.TimeoutException
                || (e.getMessage() != null && e.getMessage().contains("timeout"))) {
            return "no answer in time";
        }
        if (e instanceof java.net.ConnectException || (e.getMessage() != null && e.getMessage().contains("Connection refused"))) {
            return "connection refused";
        }
        if (e instanceof io.vertx.core.http.HttpClosedException || (e.getMessage() != null && e.getMessage().contains("closed"))) {
            return "connection closed before the answer was complete";
        }
        if (e instanceof java.net.UnknownHostException) return "unknown host";
        return e.getClass().getSimpleName();
    }
}
