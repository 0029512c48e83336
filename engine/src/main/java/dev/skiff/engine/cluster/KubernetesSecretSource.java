package dev.skiff.engine.cluster;

import dev.skiff.spi.auth.ClusterAuthException;
import dev.skiff.spi.auth.SecretSource;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Secret;
import java.util.Map;
import java.util.Optional;

/** Reads secrets of one cluster (the controller's own) through its API. */
public final class KubernetesSecretSource implements SecretSource {

    private final CoreV1Api api;
    private final String clusterName;

    public KubernetesSecretSource(ApiClient client, String clusterName) {
        this.api = new CoreV1Api(client);
        this.clusterName = clusterName;
    }

    @Override
    public Optional<Map<String, byte[]>> read(String namespace, String name) {
        try {
            V1Secret secret = api.readNamespacedSecret(name, namespace).execute();
            Map<String, byte[]> data = secret.getData();
            return Optional.of(data == null ? Map.of() : Map.copyOf(data));
        } catch (ApiException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            throw new ClusterAuthException("cannot read secret " + namespace + "/" + name + " in cluster '"
                    + clusterName + "': " + ApiErrors.describe(e));
        } catch (RuntimeException e) {
            // the client's parse errors quote the response body, which would be the secret's data
            throw new ClusterAuthException("cannot read secret " + namespace + "/" + name + " in cluster '"
                    + clusterName + "': unexpected response (" + e.getClass().getSimpleName() + ")");
        }
    }
}
