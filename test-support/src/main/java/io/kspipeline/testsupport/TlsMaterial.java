package io.kspipeline.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority and a broker certificate it signed (for 127.0.0.1 and
 * localhost), written as a PKCS12 keystore for the broker and a PKCS12 truststore holding only the
 * CA for clients. Made fresh for each test run, so no key material is checked in.
 */
public record TlsMaterial(Path keystore, Path truststore, String password) {
  private static final String SIGNATURE = "SHA256withRSA";
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  /** Generates the CA, the broker key and both stores into {@code dir}. */
  public static TlsMaterial generate(Path dir, String password) {
    try {
      Files.createDirectories(dir);
      KeyPair ca = newKeyPair();
      X500Name caName = new X500Name("CN=pipeline test CA");
      X509Certificate caCert = sign(caName, ca.getPrivate(), caName, ca.getPublic(), true);
      KeyPair broker = newKeyPair();
      X509Certificate brokerCert =
          sign(caName, ca.getPrivate(), new X500Name("CN=localhost"), broker.getPublic(), false);

      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "broker",
          broker.getPrivate(),
          password.toCharArray(),
          new Certificate[] {brokerCert, caCert});
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", caCert);

      TlsMaterial material =
          new TlsMaterial(dir.resolve("broker.p12"), dir.resolve("truststore.p12"), password);
      store(keys, material.keystore(), password);
      store(trust, material.truststore(), password);
      return material;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write TLS material to " + dir, e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot generate TLS material", e);
    }
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(
      X500Name issuer,
      PrivateKey issuerKey,
      X500Name subject,
      PublicKey subjectKey,
      boolean authority)
      throws CertIOException, OperatorCreationException, GeneralSecurityException {
    Instant now = Instant.now();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(SERIAL.incrementAndGet()),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(2))),
            subject,
            subjectKey);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
    if (authority) {
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      // Clients verify the host name they dialled (ssl.endpoint.identification.algorithm=https).
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost")
              }));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(issuerKey)));
  }

  private static void store(KeyStore store, Path file, String password)
      throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
  }
}
