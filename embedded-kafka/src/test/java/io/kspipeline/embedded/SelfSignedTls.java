package io.kspipeline.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed broker key for 127.0.0.1 made by the JDK's keytool (this module cannot use
 * test-support's TlsMaterial, which depends on it), and a truststore holding only its certificate.
 */
record SelfSignedTls(Path keystore, Path truststore, String password) {
  private static final String ALIAS = "broker";

  static SelfSignedTls generate(Path dir, String password) throws Exception {
    Files.createDirectories(dir);
    SelfSignedTls tls =
        new SelfSignedTls(dir.resolve("broker.p12"), dir.resolve("truststore.p12"), password);
    Process keytool =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair",
                    "-alias",
                    ALIAS,
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=localhost",
                    // Clients check the host they dialled (ssl.endpoint.identification.algorithm).
                    "-ext",
                    "SAN=ip:127.0.0.1,dns:localhost",
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    tls.keystore.toString(),
                    "-storepass",
                    password))
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes());
    if (!keytool.waitFor(1, TimeUnit.MINUTES) || keytool.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    tls.writeTruststore();
    return tls;
  }

  private void writeTruststore() throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, password.toCharArray());
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry(ALIAS, keys.getCertificate(ALIAS));
    try (OutputStream out = Files.newOutputStream(truststore)) {
      trust.store(out, password.toCharArray());
    }
  }
}
