package dev.skiff.auth.eks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The eks plugin in its own module layer of a fresh JVM, against the local AWS emulator over
 * real HTTP: Pod Identity credentials -> STS AssumeRole (cross-account) -> EKS DescribeCluster ->
 * token, which the emulator's EKS-style webhook then verifies (SigV4 recomputed by botocore).
 */
class EksPluginLayerIT {

    static final String POD_TOKEN = "eyJhbGciOiJSUzI1NiJ9.pod-identity-sa-token.sig";
    static final String ENDPOINT = "https://127.0.0.1:6443";
    static final String CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIBspoke1testca\n-----END CERTIFICATE-----\n";

    @TempDir
    static Path dir;
    static TestingAwsEmulator aws;

    @BeforeAll
    static void startEmulator() throws Exception {
        Path ca = dir.resolve("spoke1-ca.crt");
        Files.writeString(ca, CA_PEM);
        aws = TestingAwsEmulator.start(dir, POD_TOKEN, List.of(new TestingAwsEmulator.Cluster("spoke1", ENDPOINT, ca, 0)));
    }

    @AfterAll
    static void stopEmulator() throws Exception {
        if (aws != null) {
            aws.close();
        }
    }

    static Map<String, String> settings(String cluster, String role) {
        return settings(aws, cluster, role);
    }

    static Map<String, String> settings(TestingAwsEmulator aws, String cluster, String role) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("clusterName", cluster);
        settings.put("region", TestingAwsEmulator.REGION);
        settings.put("roleArn", role);
        settings.put("stsEndpoint", aws.awsEndpoint());
        settings.put("eksEndpoint", aws.awsEndpoint());
        return settings;
    }

    static TestingLayerRun run(String clockOffset, Map<String, String> settings) throws Exception {
        return TestingLayerRun.run(dir, aws.podIdentityEnvironment(), clockOffset, settings);
    }

    @Test
    void podIdentityAssumeRoleAndDescribeClusterGiveEndpointCaAndATokenTheClusterAccepts() throws Exception {
        TestingLayerRun run = run("PT0S", settings("spoke1", TestingAwsEmulator.SPOKE_ROLE));

        assertThat(run.get("module")).isEqualTo("dev.skiff.auth.eks");
        assertThat(run.get("server")).isEqualTo(ENDPOINT);
        assertThat(run.get("caSha256")).isEqualTo(TestingPluginLayerMain.sha256(CA_PEM.getBytes(StandardCharsets.US_ASCII)));
        assertThat(run.get("sameTokenAgain")).isEqualTo("true");
        assertThat(run.stderr()).doesNotContain("SLF4J");
        assertThat(Instant.parse(run.get("expiresAt"))).isAfter(Instant.now().plusSeconds(13 * 60));

        TestingTokenReview review = TestingTokenReview.of(aws.webhookPort("spoke1"), run.get("token"));
        assertThat(review.authenticated()).as(review.error()).isTrue();
        assertThat(review.username()).isEqualTo("arn:aws:sts::222222222222:assumed-role/skiff-spoke/skiff");
        assertThat(review.groups()).isEqualTo("[" + TestingAwsEmulator.SPOKE_GROUP + "]");

        String refreshed = run.get("refreshed");
        assertThat(refreshed).isNotEqualTo(run.get("token"));
        assertThat(TestingTokenReview.of(aws.webhookPort("spoke1"), refreshed).authenticated()).isTrue();
        assertThat(aws.log()).contains("assumes " + TestingAwsEmulator.SPOKE_ROLE)
                .contains("eks GET /clusters/spoke1 by arn:aws:sts::222222222222:assumed-role/skiff-spoke/skiff");
    }

    @Test
    void roleWithoutAccessEntryIsNotAuthenticated() throws Exception {
        TestingLayerRun run = run("PT0S", settings("spoke1", TestingAwsEmulator.NO_ENTRY_ROLE));

        TestingTokenReview review = TestingTokenReview.of(aws.webhookPort("spoke1"), run.get("token"));

        assertThat(review.authenticated()).isFalse();
        assertThat(review.error()).contains("no access entry");
    }

    @Test
    void tokenSignedMoreThanFifteenMinutesAgoIsRefused() throws Exception {
        TestingLayerRun run = run("-PT16M", settings("spoke1", TestingAwsEmulator.SPOKE_ROLE));

        TestingTokenReview review = TestingTokenReview.of(aws.webhookPort("spoke1"), run.get("token"));

        assertThat(review.authenticated()).isFalse();
        assertThat(review.error()).contains("expired");
    }

    @Test
    void tokenWithATamperedSignatureIsRefused() throws Exception {
        String token = run("PT0S", settings("spoke1", TestingAwsEmulator.SPOKE_ROLE)).get("token");
        String url = new String(Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())), StandardCharsets.UTF_8);
        char last = url.charAt(url.length() - 1);
        String tampered = url.substring(0, url.length() - 1) + (last == '0' ? '1' : '0');
        String tamperedToken = "k8s-aws-v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered.getBytes(StandardCharsets.UTF_8));

        TestingTokenReview review = TestingTokenReview.of(aws.webhookPort("spoke1"), tamperedToken);

        assertThat(review.authenticated()).isFalse();
        assertThat(review.error()).contains("signature does not match");
    }

    @Test
    void webhookAppliesTheEksVerifierRulesToTheTokenFormat() throws Exception {
        String token = run("PT0S", settings("spoke1", TestingAwsEmulator.SPOKE_ROLE)).get("token");
        String url = new String(Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())), StandardCharsets.UTF_8);
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("k8s-aws-v2." + token.substring("k8s-aws-v1.".length()), "prefix");
        refusals.put(token + "A".repeat(4097 - token.length()), "too large");
        refusals.put(encode(url.replace("https://", "http://")), "unexpected scheme");
        refusals.put(encode(url.replace("sts.eu-west-1.amazonaws.com", "sts.eu-west-1.example.com")), "unexpected hostname");
        refusals.put(encode(url.replace(".amazonaws.com/?", ".amazonaws.com/x?")), "unexpected path");
        refusals.put(encode(url + "&X-Amz-User-Agent=skiff"), "is not allowed");
        refusals.put(encode(url + "&Action=GetCallerIdentity"), "multiple values");
        refusals.put(encode(url.replace("Action=GetCallerIdentity", "Action=AssumeRole")), "unexpected action");
        refusals.put(encode(url.replace("X-Amz-SignedHeaders=host%3Bx-k8s-aws-id", "X-Amz-SignedHeaders=host")), "x-k8s-aws-id is not signed");
        refusals.put(encode(url.replace("X-Amz-Expires=60", "X-Amz-Expires=901")), "X-Amz-Expires");

        assertThat(TestingTokenReview.of(aws.webhookPort("spoke1"), token).authenticated()).isTrue();
        refusals.forEach((forged, reason) -> {
            try {
                TestingTokenReview review = TestingTokenReview.of(aws.webhookPort("spoke1"), forged);
                assertThat(review.authenticated()).as(reason).isFalse();
                assertThat(review.error()).as(reason).contains(reason);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    static String encode(String url) {
        return "k8s-aws-v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void tokenMadeForAnotherClusterIsRefused() throws Exception {
        Map<String, String> settings = settings("spoke2", TestingAwsEmulator.SPOKE_ROLE);
        settings.put("endpoint", "https://spoke2.example");
        settings.put("caData", Base64.getEncoder().encodeToString(CA_PEM.getBytes(StandardCharsets.US_ASCII)));

        TestingTokenReview review = TestingTokenReview.of(aws.webhookPort("spoke1"), run("PT0S", settings).get("token"));

        assertThat(review.authenticated()).isFalse();
        assertThat(review.error()).contains("signature does not match");
    }

    @Test
    void roleThatDoesNotTrustTheHubFailsWithTheReasonAndNoSecret() throws Exception {
        TestingLayerRun run = run("PT0S", settings("spoke1", TestingAwsEmulator.UNTRUSTED_ROLE));

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.get("error")).contains("cluster 'spoke'").contains("not authorized to perform: sts:AssumeRole")
                .contains(TestingAwsEmulator.UNTRUSTED_ROLE);
        assertThat(run.stdout() + run.stderr()).doesNotContain(POD_TOKEN).doesNotContain("PodIdentitySession");
    }

    @Test
    void wrongPodIdentityTokenFailsWithoutShowingIt() throws Exception {
        Path wrong = dir.resolve("wrong-token");
        Files.writeString(wrong, "not-the-pod-token");
        Map<String, String> environment = new LinkedHashMap<>(aws.podIdentityEnvironment());
        environment.put("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", wrong.toString());

        TestingLayerRun run = TestingLayerRun.run(dir, environment, "PT0S", settings("spoke1", TestingAwsEmulator.SPOKE_ROLE));

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.get("error")).contains("cluster 'spoke'");
        assertThat(run.stdout() + run.stderr()).doesNotContain("not-the-pod-token").doesNotContain(POD_TOKEN);
    }
}
