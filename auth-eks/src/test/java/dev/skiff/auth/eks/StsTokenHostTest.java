package dev.skiff.auth.eks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StsTokenHostTest {

    @ParameterizedTest(name = "{0} fips={1} -> {2}")
    @CsvSource({
        "us-east-1,      false, sts.us-east-1.amazonaws.com",
        "eu-west-1,      false, sts.eu-west-1.amazonaws.com",
        "ap-southeast-4, false, sts.ap-southeast-4.amazonaws.com",
        "cn-north-1,     false, sts.cn-north-1.amazonaws.com.cn",
        "cn-northwest-1, false, sts.cn-northwest-1.amazonaws.com.cn",
        "us-gov-west-1,  false, sts.us-gov-west-1.amazonaws.com",
        "us-gov-east-1,  false, sts.us-gov-east-1.amazonaws.com",
        "us-east-1,      true,  sts-fips.us-east-1.amazonaws.com",
        "us-west-2,      true,  sts-fips.us-west-2.amazonaws.com",
        "us-gov-west-1,  true,  sts.us-gov-west-1.amazonaws.com",
    })
    void tokenHostIsTheRegionalStsEndpointOfThePartition(String region, boolean fips, String host) {
        assertThat(StsTokenHost.of(region, fips)).isEqualTo(host);
    }

    @ParameterizedTest
    @CsvSource({"us-east-1", "cn-north-1", "us-gov-west-1"})
    void tokenHostIsNeverTheGlobalEndpoint(String region) {
        assertThat(StsTokenHost.of(region, false)).isNotEqualTo("sts.amazonaws.com");
    }
}
