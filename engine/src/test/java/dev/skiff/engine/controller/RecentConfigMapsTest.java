package dev.skiff.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.engine.controller.ArtifactRepositoryRefs.ConfigMap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecentConfigMapsTest {

    private final TestingClock clock = new TestingClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final RecentConfigMaps recent = new RecentConfigMaps(clock);
    private final List<String> reads = new ArrayList<>();

    private RecentConfigMaps.Read reading(String what, Optional<ConfigMap> value) {
        return () -> {
            reads.add(what);
            return value;
        };
    }

    private static Optional<ConfigMap> map(String value) {
        return Optional.of(new ConfigMap(Map.of("k", value), Map.of()));
    }

    @Test
    void aReadWithinTheKeepingTimeIsServedWithoutAskingTheApiAgain() throws Exception {
        assertThat(recent.get("hub", "ns", "artifact-repositories", reading("first", map("a")))).isEqualTo(map("a"));
        clock.advance(RecentConfigMaps.KEEP.minusMillis(1));

        assertThat(recent.get("hub", "ns", "artifact-repositories", reading("second", map("b")))).isEqualTo(map("a"));
        assertThat(reads).containsExactly("first");
    }

    @Test
    void anAbsentConfigMapIsKeptAsAbsentToo() throws Exception {
        assertThat(recent.get("hub", "ns", "artifact-repositories", reading("first", Optional.empty()))).isEmpty();

        assertThat(recent.get("hub", "ns", "artifact-repositories", reading("second", map("b")))).isEmpty();
        assertThat(reads).containsExactly("first");
    }

    @Test
    void onceTheKeepingTimeIsOverTheApiIsReadAgain() throws Exception {
        recent.get("hub", "ns", "artifact-repositories", reading("first", Optional.empty()));
        clock.advance(RecentConfigMaps.KEEP);

        assertThat(recent.get("hub", "ns", "artifact-repositories", reading("second", map("b")))).isEqualTo(map("b"));
        assertThat(reads).containsExactly("first", "second");
    }

    @Test
    void clustersNamespacesAndNamesAreKeptApart() throws Exception {
        recent.get("hub", "ns", "artifact-repositories", reading("hub/ns", map("1")));

        assertThat(recent.get("spoke", "ns", "artifact-repositories", reading("spoke/ns", map("2")))).isEqualTo(map("2"));
        assertThat(recent.get("hub", "other", "artifact-repositories", reading("hub/other", map("3"))))
                .isEqualTo(map("3"));
        assertThat(recent.get("hub", "ns", "workflow-controller-configmap", reading("hub/ns/wcc", map("4"))))
                .isEqualTo(map("4"));
        assertThat(reads).containsExactly("hub/ns", "spoke/ns", "hub/other", "hub/ns/wcc");
    }

    @Test
    void aWorkerAskingWhileTheSameConfigMapIsBeingReadWaitsForThatRead() throws Exception {
        java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        RecentConfigMaps.Read slow = () -> {
            reads.add("slow");
            reading.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return map("a");
        };
        java.util.concurrent.CompletableFuture<Optional<ConfigMap>> first = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> get(slow));
        reading.await();
        Thread second = new Thread(() -> get(reading("second", map("b"))));
        second.start();
        // The second worker blocks on the first one's read (a state of the thread, not a pause).
        while (second.getState() != Thread.State.BLOCKED) {
            Thread.onSpinWait();
        }
        release.countDown();
        second.join();

        assertThat(first.get()).isEqualTo(map("a"));
        assertThat(reads).containsExactly("slow");
    }

    private Optional<ConfigMap> get(RecentConfigMaps.Read read) {
        try {
            return recent.get("hub", "ns", "artifact-repositories", read);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFailedReadIsNotKept() throws Exception {
        RecentConfigMaps.Read failing = () -> {
            reads.add("failing");
            throw new ArtifactRepositoryRefs.ResolveException("forbidden");
        };
        assertThatThrownBy(() -> recent.get("hub", "ns", "artifact-repositories", failing))
                .isInstanceOf(ArtifactRepositoryRefs.ResolveException.class);

        assertThat(recent.get("hub", "ns", "artifact-repositories", reading("after", map("a")))).isEqualTo(map("a"));
        assertThat(reads).containsExactly("failing", "after");
    }

    @Test
    void manyKeysAreTidiedOnceExpiredWithoutLosingFreshOnes() throws Exception {
        for (int i = 0; i < 1100; i++) {
            recent.get("hub", "ns-" + i, "artifact-repositories", reading("old", Optional.empty()));
        }
        clock.advance(Duration.ofSeconds(3));
        recent.get("hub", "fresh", "artifact-repositories", reading("fresh", map("f")));
        reads.clear();

        assertThat(recent.get("hub", "fresh", "artifact-repositories", reading("again", map("x")))).isEqualTo(map("f"));
        assertThat(recent.get("hub", "ns-1", "artifact-repositories", reading("expired", map("y")))).isEqualTo(map("y"));
        assertThat(reads).containsExactly("expired");
    }
}
