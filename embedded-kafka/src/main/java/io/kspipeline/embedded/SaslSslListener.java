package io.kspipeline.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A client listener speaking SASL_SSL with SCRAM-SHA-512, beside the broker's PLAINTEXT one (which
 * stays for inter-broker traffic and test set-up). The broker presents the key in {@code keystore}
 * (PKCS12); the SCRAM users are written into the metadata log when the storage is formatted.
 *
 * @param scramUsers user name to password; names and passwords must not contain {@code ,} {@code ]}
 *     or {@code =} (the storage tool's {@code --add-scram} syntax)
 */
public record SaslSslListener(
    int port, Path keystore, String keystorePassword, Map<String, String> scramUsers) {
  public static final String MECHANISM = "SCRAM-SHA-512";

  public SaslSslListener {
    scramUsers = Map.copyOf(scramUsers);
  }

  /** The listener on a free loopback port. */
  public static SaslSslListener onFreePort(
      Path keystore, String keystorePassword, Map<String, String> scramUsers) {
    return new SaslSslListener(BrokerConfig.freePort(), keystore, keystorePassword, scramUsers);
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** The storage tool arguments that create the users' credentials at format time. */
  String[] scramFormatArguments() {
    return scramUsers.entrySet().stream()
        .flatMap(
            user ->
                Stream.of(
                    "--add-scram",
                    MECHANISM + "=[name=" + user.getKey() + ",password=" + user.getValue() + "]"))
        .toArray(String[]::new);
  }
}
