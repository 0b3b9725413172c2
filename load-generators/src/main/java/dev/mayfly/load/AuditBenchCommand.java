package dev.mayfly.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.projection.AuditIndices;
import dev.mayfly.cli.CliException;
import dev.mayfly.cli.QueryClient;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.runtime.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ./mayfly bench audit: audit freshness at a sustained rate. AssumeRole calls go out at a fixed rate (open loop: a
 * slow answer does not slow the next call); one call in {@code --sample-every} is followed, by its request id, until
 * its CloudTrail record is searchable in Elasticsearch. Freshness is the time from the call's answer to the first
 * search that finds its record (searches every {@value #POLL_MILLIS} ms), reported whole and split where the audit
 * service handed the record to Elasticsearch (its event.ingested): before, the issuer, Kafka and the projection; after,
 * Elasticsearch's indexing and refresh.
 */
final class AuditBenchCommand {

    private static final int POLL_MILLIS = 20;
    private static final long CLOCK_MARGIN_MILLIS = 30_000;
    private static final int MAX_IN_FLIGHT = 512;
    /** Request ids in one search, at most: the terms query's size, and the hits a search returns. */
    private static final int IDS_PER_SEARCH = 1000;

    private AuditBenchCommand() {
    }

    static int run(String[] args, Settings settings, PrintStream out) {
        int rate = BenchCommand.option(args, "--rate", 1000);
        int seconds = BenchCommand.option(args, "--seconds", 30);
        int warmup = BenchCommand.option(args, "--warmup", 5);
        int sampleEvery = BenchCommand.option(args, "--sample-every", 20);
        if (rate < 1 || seconds < 1 || warmup < 0 || sampleEvery < 1) {
            throw new CliException("--rate, --seconds and --sample-every are positive; --warmup is 0 or more.");
        }
        URI issuer = URI.create(settings.string("MAYFLY_ISSUER_URL", "http://127.0.0.1:" + IssuerSettings.from(settings).port()));
        URI elasticsearch = BenchElasticsearch.url(settings);
        try (AssumeRoleLoad load = AssumeRoleLoad.setUp(issuer, settings, out)) {
            out.printf("Warming up for %d s, then AssumeRole at %d/s for %d s, following one call in %d to its audit record ...%n",
                    warmup, rate, seconds, sampleEvery);
            Freshness freshness = new Freshness(elasticsearch);
            // The following and searching warm up too: cold, their first rounds were seconds late and made the whole tail
            drive(load, rate, warmup, sampleEvery, freshness);
            freshness.countFrom(System.nanoTime());
            Driven driven = drive(load, rate, seconds, sampleEvery, freshness);
            freshness.awaitAll(30_000);
            double held = driven.calls() / driven.seconds();
            out.printf("calls: %d answered in %.1f s, %.0f AssumeRole/s held (asked: %d/s for %d s), errors: %s, late starts: %d%n",
                    driven.calls(), driven.seconds(), held, rate, seconds, driven.errors(), driven.late());
            out.printf("answer ms (from each call's due time): %s%n", driven.answers().summary());
            if (held < rate * 0.95) {
                out.printf("The platform did not keep up with %d/s: calls waited in the load generator, so the freshness below is"
                        + " at about %.0f/s.%n", rate, held);
            }
            out.printf("freshness ms (answer to searchable record), %d samples: %s; never found: %d%n", freshness.found.count(),
                    freshness.found.summary(), freshness.pending());
            out.printf("  answer to handed to Elasticsearch (event.ingested): %s%n", freshness.handed.summary());
            out.printf("  handed to Elasticsearch to searchable: %s%n", freshness.searchable.summary());
            freshness.failedSearches().ifPresent(failures -> out.println("  " + failures));
            return driven.errors().total() == 0 && freshness.pending() == 0 ? 0 : 1;
        } catch (ConnectException e) {
            throw new CliException("Mayfly is not running at " + issuer + " (or Elasticsearch at " + elasticsearch + "): start it with ./mayfly dev");
        } catch (IOException e) {
            throw new CliException("The benchmark failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted.");
        }
    }

    /** @param seconds from the first call's start to the last one's answer */
    private record Driven(long calls, Errors errors, long late, double seconds, Latencies answers) {
    }

    /** Failed calls, counted by what went wrong. */
    private static final class Errors {
        private final Map<String, AtomicLong> byKind = new ConcurrentHashMap<>();

        void add(String kind) {
            byKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        }

        long total() {
            return byKind.values().stream().mapToLong(AtomicLong::get).sum();
        }

        @Override
        public String toString() {
            return total() == 0 ? "0" : total() + " " + new TreeMap<>(byKind);
        }
    }

    /**
     * Starts one call every 1/rate s on a virtual thread, at most {@value #MAX_IN_FLIGHT} at once (a start that has to
     * wait for a slot is counted late), and hands every {@code sampleEvery}-th answer to the freshness tracker.
     */
    private static Driven drive(AssumeRoleLoad load, int rate, int seconds, int sampleEvery, Freshness freshness)
            throws InterruptedException {
        Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
        AtomicLong calls = new AtomicLong();
        Errors errors = new Errors();
        Latencies answers = new Latencies();
        long late = 0;
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            if (!slots.tryAcquire()) {
                late++;
                slots.acquire();
            }
            boolean sampled = i % sampleEvery == 0;
            Thread.ofVirtual().start(() -> {
                try {
                    KeepAliveHttp.Reply reply = load.assumeRole();
                    long answered = System.nanoTime();
                    calls.incrementAndGet();
                    // from when the call was due, not when it started: a late start is the platform's delay too
                    answers.add(answered - due);
                    if (reply.status() != 200) {
                        errors.add("HTTP " + reply.status());
                    } else if (sampled) {
                        freshness.follow(QueryClient.element(reply.body(), "RequestId"), answered);
                    }
                } catch (IOException e) {
                    errors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                } finally {
                    slots.release();
                }
            });
        }
        slots.acquire(MAX_IN_FLIGHT);
        return new Driven(calls.get(), errors, late, (System.nanoTime() - start) / 1e9, answers);
    }

    /**
     * Follows request ids until their records are searchable, with one search for all of them every few ms. Only calls
     * answered since {@link #countFrom} are counted; the others only warm it up.
     */
    private static final class Freshness {
        private final KeepAliveHttp http;
        private final String searchPath;
        private final Map<String, Long> pending = new ConcurrentHashMap<>();
        final Latencies found = new Latencies();
        /** Found's two parts, split at the record's event.ingested (this machine's clock against the audit service's). */
        final Latencies handed = new Latencies();
        final Latencies searchable = new Latencies();
        private final Thread poller;
        private final AtomicLong failedSearches = new AtomicLong();
        private volatile String firstFailure;
        private volatile long countFrom = Long.MAX_VALUE;

        Freshness(URI elasticsearch) {
            this.http = new KeepAliveHttp(elasticsearch);
            this.searchPath = elasticsearch.resolve("/" + AuditIndices.PATTERN + "/_search").getRawPath();
            this.poller = Thread.ofPlatform().daemon().name("freshness").start(this::poll);
        }

        void countFrom(long nanos) {
            countFrom = nanos;
        }

        private boolean counted(long answeredNanos) {
            return answeredNanos >= countFrom;
        }

        void follow(String requestId, long answeredNanos) {
            pending.put(requestId, answeredNanos);
        }

        private void poll() {
            try (http) {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(POLL_MILLIS);
                    if (!pending.isEmpty()) {
                        searchOnce();
                    }
                }
            } catch (InterruptedException e) {
                // following stopped
            }
        }

        /** One search for every call followed; the records found end their call's following. */
        private void searchOnce() {
            try {
                List<String> ids = longestWaiting(pending, IDS_PER_SEARCH);
                String query = "{\"size\":" + IDS_PER_SEARCH + ",\"track_total_hits\":false,\"_source\":[\"requestID\",\"event.ingested\"],"
                        + "\"query\":{\"bool\":{\"filter\":[{\"range\":{\"eventTime\":{\"gte\":" + oldestCallMillis()
                        + ",\"format\":\"epoch_millis\"}}},{\"terms\":{\"requestID\":" + Json.mapper().writeValueAsString(ids) + "}}]}}}";
                KeepAliveHttp.Reply response = http.post(searchPath, "application/json", query.getBytes(StandardCharsets.UTF_8));
                long now = System.nanoTime();
                long nowMillis = System.currentTimeMillis();
                for (JsonNode hit : Json.mapper().readTree(response.body()).path("hits").path("hits")) {
                    JsonNode source = hit.path("_source");
                    Long answered = pending.remove(source.path("requestID").asText());
                    if (answered != null && counted(answered)) {
                        long freshNanos = now - answered;
                        found.add(freshNanos);
                        JsonNode ingested = source.path("event").path("ingested");
                        if (ingested.isTextual()) {
                            long ingestedMillis = Instant.parse(ingested.asText()).toEpochMilli();
                            long answeredMillis = nowMillis - freshNanos / 1_000_000;
                            handed.add((ingestedMillis - answeredMillis) * 1_000_000);
                            searchable.add((nowMillis - ingestedMillis) * 1_000_000);
                        }
                    }
                }
                if (response.status() != 200) {
                    failed("HTTP " + response.status() + " from " + searchPath);
                }
            } catch (IOException | RuntimeException e) {
                // Elasticsearch busy for a moment: the next round asks again; counted, so that one not there at all shows
                failed(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }

        /**
         * The earliest time a followed call's record can carry, less a margin for the clocks of this machine and the
         * issuer's. The search's range on it comes first, so that segments holding only older records are passed over
         * before the terms are looked up in them: without it, the searches every {@value #POLL_MILLIS} ms took a tenth
         * of the CPU that the platform under measurement shares (Flight Recorder).
         */
        private long oldestCallMillis() {
            long nowNanos = System.nanoTime();
            long oldestNanos = pending.values().stream().mapToLong(Long::longValue).min().orElse(nowNanos);
            return System.currentTimeMillis() - (nowNanos - oldestNanos) / 1_000_000 - CLOCK_MARGIN_MILLIS;
        }

        private void failed(String why) {
            if (failedSearches.getAndIncrement() == 0) {
                firstFailure = why;
            }
        }

        /** How many searches failed and the first one's reason; empty when none did. */
        Optional<String> failedSearches() {
            long failed = failedSearches.get();
            return failed == 0 ? Optional.empty() : Optional.of("searches that failed: " + failed + " (the first: " + firstFailure + ")");
        }

        /** Waits until every followed record was found, or the time is up; then stops following. */
        void awaitAll(long millis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + millis;
            while (!pending.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            poller.interrupt();
        }

        /** Counted calls whose record was not found. */
        long pending() {
            return pending.values().stream().filter(this::counted).count();
        }
    }

    /**
     * The request ids answered longest ago, at most {@code limit}: their records are the likeliest to be searchable. With
     * more calls followed than one search asks for (a platform seconds behind), any other choice leaves records already
     * searchable unasked for, and their freshness is counted seconds too late.
     */
    static List<String> longestWaiting(Map<String, Long> answeredNanosById, int limit) {
        return answeredNanosById.entrySet().stream().sorted(Map.Entry.comparingByValue()).limit(limit).map(Map.Entry::getKey).toList();
    }

    /** Durations in nanoseconds, gathered from any thread. */
    private static final class Latencies {
        private final List<Long> nanos = new ArrayList<>();

        synchronized void add(long value) {
            nanos.add(value);
        }

        synchronized int count() {
            return nanos.size();
        }

        synchronized String summary() {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            return String.format("p50 %.1f, p90 %.1f, p99 %.1f, p99.9 %.1f, max %.1f", BenchCommand.percentileMillis(sorted, 50),
                    BenchCommand.percentileMillis(sorted, 90), BenchCommand.percentileMillis(sorted, 99),
                    BenchCommand.percentileMillis(sorted, 99.9), BenchCommand.percentileMillis(sorted, 100));
        }
    }
}
