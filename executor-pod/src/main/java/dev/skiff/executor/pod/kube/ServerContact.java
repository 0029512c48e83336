package dev.skiff.executor.pod.kube;

/**
 * Told by {@link KubeApi} after each request whether the API server answered: any HTTP answer counts (a 403 or a
 * 409 too), a request that got none (refused, reset, timed out) does not. Must be quick and thread-safe.
 */
public interface ServerContact {

    /** Nobody listens. */
    ServerContact NONE = new ServerContact() {
        @Override
        public void answered() {
        }

        @Override
        public void noAnswer(String cause) {
        }
    };

    /** The API server answered a request. */
    void answered();

    /** A request got no answer; {@code cause} names the exception kind and its message (no headers, no token). */
    void noAnswer(String cause);
}
