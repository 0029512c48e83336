package dev.skiff.auth.eks.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.auth.eks.it.TestingAwsEmulator.Event;
import dev.skiff.auth.eks.it.TestingClusterClient.Check;
import dev.skiff.auth.eks.it.TestingClusterClient.Token;
import dev.skiff.testbed.Await;
import dev.skiff.testbed.ClusterName;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 401 from the cluster to a cached, unexpired EKS token, end to end: the spoke's real
 * kube-apiserver asks the emulator's EKS-style webhook, which refuses tokens signed by a revoked
 * STS session (or a role whose access entry was deleted). Skiff runs in a JVM of its own with a
 * pod's Pod Identity environment, the eks plugin loaded from {@code plugins/eks/} into its own
 * module layer, and checks the cluster through {@code ClusterApiClients} as {@code skiff
 * clusters} does. The testbed's kube-apiserver does not cache webhook reviews
 * ({@code --authentication-token-webhook-cache-ttl=0s}) but keeps successful token
 * authentications for 10 s whatever the flags say; refusals are never kept, and each refresh
 * signs with a new session key, so a refreshed token is always reviewed afresh.
 */
@Testbed
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a safety net against a hung child process, not a speed check
class EksTokenRefreshIT {

    static final String POD_TOKEN = "eyJhbGciOiJSUzI1NiJ9.hub-controller-refresh.sig";
    static final String SPOKE_USER = "arn:aws:sts::" + TestingAwsEmulator.SPOKE_ACCOUNT + ":assumed-role/skiff-spoke/skiff";
    static final String ASSUME_SPOKE_ROLE = "assume-role " + TestingAwsEmulator.SPOKE_ROLE + " ";

    @TempDir
    static Path shared;
    static TestbedCluster spoke;
    static Path plugins;
    static Path ca;

    @TempDir
    Path dir;
    TestingAwsEmulator aws;
    TestingClusterClient skiff;

    @BeforeAll
    static void pluginsAndCa(@ClusterName("spoke1") TestbedCluster cluster) throws Exception {
        spoke = cluster;
        ca = Files.writeString(shared.resolve("spoke1-ca.crt"), spoke.caCertificatePem());
        plugins = TestingPluginFolder.create(shared);
    }

    @BeforeEach
    void emulatorAndSkiff() throws Exception {
        aws = TestingAwsEmulator.start(dir, POD_TOKEN,
                List.of(new TestingAwsEmulator.Cluster("spoke1", spoke.server().toString(), ca, spoke.webhookPort())));
        Path config = aws.writeSpokeConfig(dir.resolve("controller.yaml"), TestingAwsEmulator.SPOKE_ROLE);
        skiff = TestingClusterClient.start(dir, aws.podIdentityEnvironment(), config, plugins, "spoke");
    }

    @AfterEach
    void stop() throws Exception {
        if (skiff != null) {
            skiff.close();
        }
        if (aws != null) {
            aws.close();
        }
    }

    /** A first check: one AssumeRole session signs one token, which the cluster accepts for both requests. */
    private Token firstCheckWithOneCachedToken() throws Exception {
        Check first = skiff.check();
        assertThat(first.ok()).as(first.result() + "\n" + skiff.output()).isTrue();
        assertThat(first.identity()).isEqualTo(SPOKE_USER);
        assertThat(first.refreshes()).isZero();
        assertThat(first.handedOut()).hasSize(2).containsOnly(first.handedOut().getFirst());
        Token cached = first.handedOut().getFirst();
        List<String> events = eventsSince(0);
        assertThat(events).startsWith(ASSUME_SPOKE_ROLE + cached.keyId(), "review " + cached.keyId() + " accepted");
        // the second request's review, unless kube-apiserver answered from its 10 s success cache
        assertThat(events.subList(2, events.size()))
                .allSatisfy(e -> assertThat(e).isEqualTo("review " + cached.keyId() + " accepted"));
        return cached;
    }

    /**
     * Returns once the spoke refuses the cached token. kube-apiserver keeps each successful token
     * authentication for 10 s (a fixed cache in front of all token authenticators), so it may
     * accept a just-revoked token for a while, as EKS does for longer; only then can a 401 come.
     * Returns the number of events recorded by then.
     */
    private int awaitTheClusterRefusingTheCachedToken() throws Exception {
        Await.until("the spoke refusing the revoked token", Duration.ofMinutes(1),
                () -> skiff.probe() == 401 ? Optional.of(true) : Optional.empty());
        return aws.events().size();
    }

    private List<String> eventsSince(int index) throws Exception {
        List<Event> events = aws.events();
        return events.subList(index, events.size()).stream().map(Event::toString).toList();
    }

    @Test
    void a401ToTheCachedTokenRenewsTheAwsSessionAndTheRetryWithANewTokenSucceeds() throws Exception {
        Token cached = firstCheckWithOneCachedToken();
        aws.revokeAccessKey(cached.keyId());
        int seen = awaitTheClusterRefusingTheCachedToken();

        Check second = skiff.check();

        assertThat(second.ok()).as(second.result() + "\n" + skiff.output()).isTrue();
        assertThat(second.identity()).isEqualTo(SPOKE_USER);
        assertThat(second.refreshes()).isEqualTo(1);
        List<Token> tokens = second.handedOut().subList(2, second.handedOut().size());
        assertThat(tokens).hasSize(3);
        Token renewed = tokens.get(1);
        assertThat(tokens).containsExactly(cached, renewed, renewed);
        assertThat(renewed.keyId()).isNotEqualTo(cached.keyId());
        assertThat(renewed.hash()).isNotEqualTo(cached.hash());
        List<String> events = eventsSince(seen);
        assertThat(events).startsWith("review " + cached.keyId() + " refused", ASSUME_SPOKE_ROLE + renewed.keyId(),
                "review " + renewed.keyId() + " accepted");
        assertThat(events.subList(3, events.size()))
                .allSatisfy(e -> assertThat(e).isEqualTo("review " + renewed.keyId() + " accepted"));
        assertThat(aws.events().get(seen).detail()).contains("its session was revoked");

        skiff.close();
        assertThat(skiff.output()).contains("signed a new EKS token (forced)").doesNotContain("k8s-aws-v1.")
                .doesNotContain(POD_TOKEN);
    }

    @Test
    void whenTheRefreshedTokenIsRefusedTooOne401IsReportedForTheClusterAfterExactlyOneRefresh() throws Exception {
        Token cached = firstCheckWithOneCachedToken();
        aws.deleteAccessEntry("spoke1", TestingAwsEmulator.SPOKE_ROLE);
        int seen = awaitTheClusterRefusingTheCachedToken();

        Check second = skiff.check();

        assertThat(second.ok()).isFalse();
        assertThat(second.name()).isEqualTo("spoke");
        assertThat(second.error()).startsWith("401 Unauthorized: the cluster rejected the credentials");
        assertThat(second.refreshes()).isEqualTo(1);
        List<Token> tokens = second.handedOut().subList(2, second.handedOut().size());
        assertThat(tokens).hasSize(2).first().isEqualTo(cached);
        Token renewed = tokens.get(1);
        assertThat(renewed.keyId()).isNotEqualTo(cached.keyId());
        assertThat(eventsSince(seen)).containsExactly("review " + cached.keyId() + " refused",
                ASSUME_SPOKE_ROLE + renewed.keyId(), "review " + renewed.keyId() + " refused");
        assertThat(aws.events().subList(seen, aws.events().size())).filteredOn(e -> e.kind().equals("review"))
                .allSatisfy(e -> assertThat(e.detail()).contains("no access entry for " + TestingAwsEmulator.SPOKE_ROLE));

        skiff.close();
        assertThat(skiff.output()).doesNotContain("k8s-aws-v1.").doesNotContain(POD_TOKEN);
    }
}
