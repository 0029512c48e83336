package dev.skiff.auth.eks;

import java.util.concurrent.CompletionException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.endpoints.StsEndpointProvider;

/**
 * The STS host an EKS token is presigned for: the regional endpoint of the region's partition
 * ({@code sts.eu-west-1.amazonaws.com}, {@code sts.cn-north-1.amazonaws.com.cn},
 * {@code sts.us-gov-west-1.amazonaws.com}), or its FIPS variant. The host comes from the SDK's
 * own endpoint rules, which are the hosts the EKS token verifier accepts. Endpoint overrides
 * never change it: the cluster, not this process, sends the presigned request.
 */
final class StsTokenHost {

    private StsTokenHost() {
    }

    static String of(String region, boolean fips) {
        try {
            var endpoint = StsEndpointProvider.defaultProvider()
                    .resolveEndpoint(p -> p.region(Region.of(region)).useFips(fips).useGlobalEndpoint(false))
                    .join();
            return endpoint.url().getHost();
        } catch (CompletionException | SdkClientException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("no " + (fips ? "FIPS " : "") + "STS endpoint for region '" + region
                    + "': " + cause.getMessage() + (fips ? " (set fips: false for this region)" : ""), e);
        }
    }
}
