package dev.skiff.engine.controller;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1LeaseSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** A {@code coordination.k8s.io/v1} Lease through the official client's CoordinationV1Api. */
final class KubernetesLeaseStore implements LeaseStore {

    private final CoordinationV1Api api;
    private final String namespace;
    private final String name;

    KubernetesLeaseStore(ApiClient client, String namespace, String name) {
        this.api = new CoordinationV1Api(client);
        this.namespace = namespace;
        this.name = name;
    }

    @Override
    public Optional<LeaseRecord> get() throws LeaseException {
        try {
            return Optional.of(record(api.readNamespacedLease(name, namespace).execute()));
        } catch (ApiException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            throw failure("read", e);
        }
    }

    @Override
    public LeaseRecord create(LeaseRecord lease) throws LeaseException {
        try {
            return record(api.createNamespacedLease(namespace, lease(lease)).execute());
        } catch (ApiException e) {
            throw failure("create", e);
        }
    }

    @Override
    public LeaseRecord update(LeaseRecord lease) throws LeaseException {
        try {
            return record(api.replaceNamespacedLease(name, namespace, lease(lease)).execute());
        } catch (ApiException e) {
            throw failure("update", e);
        }
    }

    private V1Lease lease(LeaseRecord r) {
        V1ObjectMeta metadata = new V1ObjectMeta().name(name).namespace(namespace);
        if (!r.resourceVersion().isEmpty()) {
            metadata.resourceVersion(r.resourceVersion());
        }
        return new V1Lease().metadata(metadata).spec(new V1LeaseSpec().holderIdentity(r.holderIdentity())
                .leaseDurationSeconds(r.leaseDurationSeconds()).acquireTime(r.acquireTime().map(this::time).orElse(null))
                .renewTime(r.renewTime().map(this::time).orElse(null)).leaseTransitions(r.leaseTransitions()));
    }

    private OffsetDateTime time(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static LeaseRecord record(V1Lease lease) {
        V1LeaseSpec spec = lease.getSpec() == null ? new V1LeaseSpec() : lease.getSpec();
        return new LeaseRecord(Optional.ofNullable(spec.getHolderIdentity()).orElse(""),
                Optional.ofNullable(spec.getLeaseDurationSeconds()).orElse(0),
                Optional.ofNullable(spec.getAcquireTime()).map(OffsetDateTime::toInstant),
                Optional.ofNullable(spec.getRenewTime()).map(OffsetDateTime::toInstant),
                Optional.ofNullable(spec.getLeaseTransitions()).orElse(0),
                Optional.ofNullable(lease.getMetadata()).map(V1ObjectMeta::getResourceVersion).orElse(""));
    }

    private LeaseException failure(String what, ApiException e) {
        String reason = e.getCode() == 0 ? "cannot reach the API server" : "HTTP " + e.getCode();
        return new LeaseException("lease " + namespace + "/" + name + ": " + what + " failed: " + reason);
    }
}
