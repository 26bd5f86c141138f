package io.kspipeline.testsupport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a client reaches a broker's SASL_SSL listener: its address and the truststore holding the
 * test CA. {@link #clientProperties} gives what a user puts in a {@code --kafka-config} file.
 */
public record SaslSslEndpoint(String bootstrapServers, Path truststore, String truststorePassword) {
  public static final String MECHANISM = "SCRAM-SHA-512";

  /** The JAAS line of a SCRAM client, values in double quotes. */
  public static String jaasConfig(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  /** Client settings for this listener, bootstrap not included (that is --bootstrap's). */
  public Map<String, String> clientProperties(String user, String password) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("security.protocol", "SASL_SSL");
    p.put("sasl.mechanism", MECHANISM);
    p.put("sasl.jaas.config", jaasConfig(user, password));
    p.put("ssl.truststore.type", "PKCS12");
    p.put("ssl.truststore.location", truststore.toString());
    p.put("ssl.truststore.password", truststorePassword);
    return p;
  }
}
