package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import org.junit.jupiter.api.Test;

class S3LocationsTest {

    private static com.fasterxml.jackson.databind.JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void bucketKeyAndEverySettingUnderItsArgoNameWithSecretsByReferenceOnly() throws Exception {
        URI uri = S3Locations.uri(json("""
                {"endpoint": "minio:9000", "bucket": "my-bucket", "region": "eu-west-1", "insecure": true,
                 "useSDKCreds": false, "accessKeySecret": {"name": "cred", "key": "access"},
                 "secretKeySecret": {"name": "cred", "key": "secret"}, "key": "ignored"}
                """), "/wf/pod/a b.tgz");

        assertThat(uri.getScheme()).isEqualTo("s3");
        assertThat(uri.getAuthority()).isEqualTo("my-bucket");
        assertThat(uri.getPath()).isEqualTo("/wf/pod/a b.tgz");
        assertThat(uri.getRawQuery()).isEqualTo("endpoint=minio%3A9000&region=eu-west-1&insecure=true"
                + "&accessKeySecret=cred%2Faccess&secretKeySecret=cred%2Fsecret");
    }

    @Test
    void fieldsAStoreMayNotKnowArePassedOnSoThatItRefusesThem() throws Exception {
        URI uri = S3Locations.uri(json("{\"bucket\": \"b\", \"createBucketIfNotPresent\": {\"objectLocking\": true}}"),
                "k");

        assertThat(uri.getRawQuery()).startsWith("createBucketIfNotPresent=");
    }

    @Test
    void noSettingsNoQuery() throws Exception {
        assertThat(S3Locations.uri(json("{\"bucket\": \"b\"}"), "k")).isEqualTo(URI.create("s3://b/k"));
    }
}
