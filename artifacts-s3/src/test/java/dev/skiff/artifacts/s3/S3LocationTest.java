package dev.skiff.artifacts.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3LocationTest {

    @Test
    void readsBucketKeyAndArgosSettingsFromTheUri() {
        S3Location at = S3Location.parse(URI.create("s3://my-bucket/wf/pod/out%20put.tgz?endpoint=127.0.0.1%3A9000"
                + "&insecure=true&region=eu-west-1&accessKeySecret=cred/accesskey&secretKeySecret=cred/secretkey"));

        assertThat(at.bucket()).isEqualTo("my-bucket");
        assertThat(at.key()).isEqualTo("wf/pod/out put.tgz");
        assertThat(at.settings().endpoint()).isEqualTo("127.0.0.1:9000");
        assertThat(at.settings().insecure()).isTrue();
        assertThat(at.settings().region()).isEqualTo("eu-west-1");
        assertThat(at.settings().accessKey()).contains(new SecretRef("cred", "accesskey"));
        assertThat(at.settings().secretKey()).contains(new SecretRef("cred", "secretkey"));
        assertThat(at.settings().sessionToken()).isEqualTo(Optional.empty());
    }

    @Test
    void bucketsWithDotsAndUnderscoresAreKept() {
        assertThat(S3Location.parse(URI.create("s3://my_bucket.v2/k")).bucket()).isEqualTo("my_bucket.v2");
    }

    @Test
    void pathStyleForEveryEndpointButAwsUnlessTheAddressingStyleSaysOtherwise() {
        assertThat(S3Location.parse(URI.create("s3://b/k?endpoint=minio:9000")).settings().pathStyle()).isTrue();
        assertThat(S3Location.parse(URI.create("s3://b/k?endpoint=s3.amazonaws.com")).settings().pathStyle())
                .isFalse();
        assertThat(S3Location.parse(URI.create("s3://b/k")).settings().pathStyle()).isFalse();
        assertThat(S3Location.parse(URI.create("s3://b/k?endpoint=s3.amazonaws.com&addressingStyle=path"))
                .settings().pathStyle()).isTrue();
        assertThat(S3Location.parse(URI.create("s3://b/k?endpoint=minio:9000&addressingStyle=virtual-hosted"))
                .settings().pathStyle()).isFalse();
    }

    @Test
    void unknownSettingsBadBooleansAndBadSecretReferencesAreRefusedByName() {
        assertThatThrownBy(() -> S3Location.parse(URI.create("s3://b/k?encryptionOptions=x")))
                .hasMessageContaining("unknown setting \"encryptionOptions\"");
        assertThatThrownBy(() -> S3Location.parse(URI.create("s3://b/k?insecure=yes")))
                .hasMessage("insecure must be true or false, not \"yes\"");
        assertThatThrownBy(() -> S3Location.parse(URI.create("s3://b/k?accessKeySecret=only-a-name")))
                .hasMessage("accessKeySecret must be NAME/KEY, not \"only-a-name\"");
    }

    @Test
    void aLocationWithoutBucketOrKeyIsRefused() {
        assertThatThrownBy(() -> S3Location.parse(URI.create("s3:///k"))).hasMessageContaining("names no bucket");
        assertThatThrownBy(() -> S3Location.parse(URI.create("s3://b/"))).hasMessageContaining("names no key");
    }
}
