package dev.eddy.torrent.tracker;

import dev.eddy.loop.net.Tls;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A throwaway certificate for 127.0.0.1, made with the running JDK's keytool (the JDK has no API to
 * make one), for HTTPS tracker tests: a server context presenting it and a client context trusting
 * only it.
 */
final class SelfSignedCertificate {
    private static final String ALIAS = "tracker";
    private static final char[] SECRET = "tracker-test".toCharArray();

    final SSLContext server;
    final SSLContext client;

    private SelfSignedCertificate(KeyStore keys) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(ALIAS, keys.getCertificate(ALIAS));
        server = Tls.serverContext(keys, SECRET);
        client = Tls.clientContext(trust);
    }

    /** Makes a key pair and a certificate naming {@code 127.0.0.1}, valid for a day. */
    static SelfSignedCertificate forLoopback() throws Exception {
        Path folder = Files.createTempDirectory("eddy-tracker-tls");
        Path store = folder.resolve("keys.p12");
        Path keytool = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("keytool");
        Process keytoolRun = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(SECRET), "-keypass", new String(SECRET))
                .redirectErrorStream(true).start();
        byte[] output = keytoolRun.getInputStream().readAllBytes();
        if (!keytoolRun.waitFor(60, TimeUnit.SECONDS) || keytoolRun.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + new String(output));
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, SECRET);
        } finally {
            Files.delete(store);
            Files.delete(folder);
        }
        return new SelfSignedCertificate(keys);
    }
}
