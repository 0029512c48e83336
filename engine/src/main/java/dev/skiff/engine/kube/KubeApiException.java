package dev.skiff.engine.kube;

/**
 * The API server refused a request, or could not be reached ({@code code} 0). The message is one
 * line: status code, reason and the API's own message (a {@code Status} object's {@code message}),
 * never a request header or token.
 */
public final class KubeApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String reason;
    private final String apiMessage;
    private final String kind;

    /**
     * @param code       the HTTP status code; 0 when the server could not be reached
     * @param reason     the Status object's {@code reason} ({@code NotFound}, ...), else the HTTP reason
     * @param apiMessage the Status object's {@code message}, or a description of the transport failure
     * @param kind       the kind of object the Status is about ({@code details.kind}); "" when none
     */
    public KubeApiException(int code, String reason, String apiMessage, String kind) {
        super(describe(code, reason, apiMessage));
        this.code = code;
        this.reason = reason;
        this.apiMessage = apiMessage;
        this.kind = kind;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public String apiMessage() {
        return apiMessage;
    }

    /** {@code details.kind} of the Status, such as {@code workflows}; "" when the server gave none. */
    public String kind() {
        return kind;
    }

    /** A 404 about an object of a known kind (as opposed to a missing resource type or path). */
    public boolean isObjectNotFound() {
        return code == 404 && !kind.isEmpty();
    }

    private static String describe(int code, String reason, String apiMessage) {
        if (code == 0) {
            return apiMessage;
        }
        StringBuilder text = new StringBuilder().append(code);
        if (!reason.isEmpty()) {
            text.append(' ').append(reason);
        }
        if (!apiMessage.isEmpty()) {
            text.append(": ").append(apiMessage.replace('\n', ' '));
        }
        return text.toString();
    }
}
