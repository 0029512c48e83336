package dev.skiff.executor.pod.kube;

import java.util.Map;

/** What the informers of one namespace report (on their own threads; objects as JSON-like trees). */
public interface NamespaceEvents {

    void podChanged(Map<String, Object> pod);

    void podGone(Map<String, Object> lastKnown);

    void taskResultChanged(Map<String, Object> taskResult);

    /** Listing failed (RBAC, a missing CRD, an unreachable server); the informer keeps retrying. */
    void listFailed(String what, ApiFailure failure);

    /** Anything else that went wrong in an informer (it keeps retrying). */
    void informerFailed(String what, Throwable error);
}
