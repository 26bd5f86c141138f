package io.kspipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** yamllint finds nothing in the YAML files people edit (the chart's templates excepted). */
class YamlLintIT {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "docker-compose.yml",
        "deploy/k8s/driver-pod-template.yaml",
        "deploy/k8s/executor-pod-template.yaml",
        "helm/kafka-spark-pipeline/Chart.yaml",
        "helm/kafka-spark-pipeline/values.yaml",
        "helm/kafka-spark-pipeline/ci/minimal-values.yaml",
        "helm/kafka-spark-pipeline/ci/production-values.yaml",
        "helm/kafka-spark-pipeline/ci/restricted-values.yaml"
      })
  void passesYamllint(String file) {
    ExternalTool yamllint = ExternalTool.require("yamllint");

    ExternalTool.Result result =
        yamllint.run(Repository.root(), "--strict", "-c", "deploy/ci/yamllint.yaml", file);

    assertThat(result.exitCode()).as(result.output()).isZero();
  }
}
