package io.kspipeline.core.config;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;

/**
 * Rewrites a {@code sasl.jaas.config} value into one canonical spelling: every option value in
 * double quotes, no spaces around {@code =}. Kafka reads both spellings the same way, but Spark
 * 3.5's Kafka connector masks a JAAS password in its logs only when written exactly as {@code
 * password="..."}; with {@code password='...'} or {@code password = "..."} it logs the secret (the
 * "Admin params" DEBUG line of every Kafka source).
 */
public final class JaasConfigs {
  private JaasConfigs() {}

  /**
   * The same login in canonical form; a value Kafka cannot parse is returned unchanged, for the
   * client to reject with its own message.
   */
  public static String canonical(String jaasConfig) {
    if (jaasConfig == null || jaasConfig.isBlank()) {
      return jaasConfig;
    }
    List<AppConfigurationEntry> entries;
    try {
      // Kafka's own parser, as the client will use it (one login module).
      entries =
          JaasContext.loadClientContext(
                  Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(jaasConfig)))
              .configurationEntries();
    } catch (IllegalArgumentException unparseable) {
      return jaasConfig;
    }
    return entries.stream().map(JaasConfigs::format).collect(Collectors.joining(" "));
  }

  private static String format(AppConfigurationEntry entry) {
    StringBuilder text =
        new StringBuilder(entry.getLoginModuleName())
            .append(' ')
            .append(flag(entry.getControlFlag()));
    for (Map.Entry<String, ?> option : entry.getOptions().entrySet()) {
      text.append(' ')
          .append(option.getKey())
          .append("=\"")
          .append(escape(String.valueOf(option.getValue())))
          .append('"');
    }
    return text.append(';').toString();
  }

  private static String flag(LoginModuleControlFlag flag) {
    if (flag == LoginModuleControlFlag.REQUIRED) {
      return "required";
    } else if (flag == LoginModuleControlFlag.REQUISITE) {
      return "requisite";
    } else if (flag == LoginModuleControlFlag.SUFFICIENT) {
      return "sufficient";
    }
    return "optional";
  }

  /** Kafka's JAAS parser (a StreamTokenizer) unescapes backslash sequences inside quotes. */
  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
