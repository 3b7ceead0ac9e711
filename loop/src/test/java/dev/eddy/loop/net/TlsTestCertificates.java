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
 * running JDK's keytool (the JDK has no public API for making certificates).
 */
final class TlsTestCertificates {
    static final String HOST = "localhost";
    private static final char[] PASSWORD = "eddy-test".toCharArray();
    private static KeyStore keyStore;

    private TlsTestCertificates() {}

    static synchronized KeyStore keyStore() {
        if (keyStore == null) {
            keyStore = generate();
        }
        return keyStore;
    }

    static SSLContext serverContext() {
        return Tls.serverContext(keyStore(), PASSWORD);
    }

    /** A client context that trusts the test certificate only. */
    static SSLContext clientContext() {
        return Tls.clientContext(trustStore());
    }

    /** A client context limited to {@code protocol} (say "TLSv1.2"), trusting the test certificate. */
    static SSLContext clientContext(String protocol) throws GeneralSecurityException {
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
