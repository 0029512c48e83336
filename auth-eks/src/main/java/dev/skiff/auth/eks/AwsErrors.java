package dev.skiff.auth.eks;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Turns AWS SDK failures into one line a user can act on (no request signatures, no keys). */
final class AwsErrors {

    private AwsErrors() {
    }

    static String describe(Throwable e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            var details = service.awsErrorDetails();
            return details.serviceName() + " answered HTTP " + service.statusCode() + " "
                    + details.errorCode() + ": " + details.errorMessage();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
