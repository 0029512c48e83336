package dev.skiff.spi.auth;

import dev.skiff.spi.Stability;
import java.util.Objects;

/**
 * A TLS client certificate and its private key, both PEM. {@link #toString()} shows neither.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record ClientCertificate(byte[] certificatePem, byte[] privateKeyPem) {

    public ClientCertificate {
        certificatePem = Objects.requireNonNull(certificatePem, "certificatePem").clone();
        privateKeyPem = Objects.requireNonNull(privateKeyPem, "privateKeyPem").clone();
    }

    @Override
    public byte[] certificatePem() {
        return certificatePem.clone();
    }

    @Override
    public byte[] privateKeyPem() {
        return privateKeyPem.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientCertificate c
                && java.util.Arrays.equals(certificatePem, c.certificatePem)
                && java.util.Arrays.equals(privateKeyPem, c.privateKeyPem);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(certificatePem);
    }

    @Override
    public String toString() {
        return "ClientCertificate[<redacted>]";
    }
}
