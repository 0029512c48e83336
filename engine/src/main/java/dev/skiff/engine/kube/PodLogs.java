package dev.skiff.engine.kube;

import java.util.OptionalLong;
import okhttp3.HttpUrl;

/**
 * Container logs of pods ({@code pods/log}), always with the server's timestamps in front of each
 * line so that lines of several pods can be put in order.
 *
 * @param rest the server
 */
public record PodLogs(KubeRest rest) {

    /**
     * Opens the log of one container.
     *
     * @param follow    keep the stream open until the container ends
     * @param tailLines only the last lines; empty for all
     */
    public LineStream open(String namespace, String pod, String container, boolean follow, OptionalLong tailLines) {
        HttpUrl.Builder url = KubeResources.pods(rest).object(namespace, pod).addPathSegment("log")
                .addQueryParameter("container", container).addQueryParameter("timestamps", "true");
        if (follow) {
            url.addQueryParameter("follow", "true");
        }
        tailLines.ifPresent(n -> url.addQueryParameter("tailLines", Long.toString(n)));
        return rest.stream(url.build());
    }
}
