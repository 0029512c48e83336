package dev.skiff.auth.eks.it;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sends a TokenReview to a webhook authenticator, as kube-apiserver does, and reads the answer. */
record TestingTokenReview(boolean authenticated, String username, String groups, String error) {

    static TestingTokenReview of(int webhookPort, String token) throws IOException {
        String body = "{\"apiVersion\": \"authentication.k8s.io/v1\", \"kind\": \"TokenReview\", \"spec\": {\"token\": \""
                + token + "\"}}";
        var connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + webhookPort + "/authenticate").toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setDoOutput(true);
        try (var out = connection.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        if (connection.getResponseCode() != 200) {
            throw new AssertionError("webhook answered HTTP " + connection.getResponseCode());
        }
        String json;
        try (var in = connection.getInputStream()) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new TestingTokenReview(json.contains("\"authenticated\": true"), field(json, "username"),
                field(json, "groups"), field(json, "error"));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\": (\"[^\"]*\"|\\[[^\\]]*\\])").matcher(json);
        return m.find() ? m.group(1).replace("\"", "") : "";
    }
}
