package dev.eddy.loop.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for "localhost" and 127.0.0.1, made once per test run with the
 * running JDK's keytool (the JDK has no public API for making certificates). Public, and shipped
 * in this module's test jar, so that other modules' TLS tests (HTTPS trackers) use the same one.
 */
public final class TlsTestCertificates {
    /** The host name the certificate names (it also names the address 127.0.0.1). */
    public static final String HOST = "localhost";
    private static final char[] PASSWORD = "eddy-test".toCharArray();
    private static KeyStore keyStore;

    private TlsTestCertificates() {}

    /** The key store holding the certificate and its private key, made on first use. */
    private static synchronized KeyStore keyStore() {
        if (keyStore == null) {
            keyStore = generate();
        }
        return keyStore;
    }

    /** {@return a server context that presents the test certificate} */
    public static SSLContext serverContext() {
        return Tls.serverContext(keyStore(), PASSWORD);
    }

    /** {@return a client context that trusts the test certificate only} */
    public static SSLContext clientContext() {
        return Tls.clientContext(trustStore());
    }

    /**
     * A client context limited to {@code protocol}, trusting the test certificate only.
     *
     * @param protocol the TLS version, say "TLSv1.2"
     * @return the context
     * @throws GeneralSecurityException if the JDK does not offer {@code protocol}
     */
    public static SSLContext clientContext(String protocol) throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore());
        SSLContext context = SSLContext.getInstance(protocol);
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore trustStore() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("eddy-test", keyStore().getCertificate("eddy-test"));
            return trust;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore generate() {
        try {
            Path dir = Files.createTempDirectory("eddy-tls");
            Path file = dir.resolve("test.p12");
            String java = ProcessHandle.current().info().command().orElseThrow();
            Path keytool = Path.of(java).resolveSibling("keytool");
            Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "eddy-test",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + HOST,
                    "-ext", "SAN=dns:" + HOST + ",ip:127.0.0.1", "-validity", "2",
                    "-keystore", file.toString(), "-storetype", "PKCS12",
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, PASSWORD);
            }
            Files.delete(file);
            Files.delete(dir);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not make a test certificate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
