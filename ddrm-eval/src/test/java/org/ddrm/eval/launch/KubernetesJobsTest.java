package org.ddrm.eval.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The emitted Kubernetes manifest, parsed as YAML and checked field by field. */
class KubernetesJobsTest {
  private final SuiteInvocation invocation = new SuiteInvocation(Path.of("bin/ddrm"),
      Path.of("/opt/ddrm"), List.of("configs/suites/quick.properties", "--out",
          "/results/suite-quick", "--set", "cache.dir=/results/backend-cache"));

  private List<JsonNode> documents() throws Exception {
    String manifest = new KubernetesJobs("Quick_Suite", 4, 2, "registry.example/ddrm:1.0",
        "ddrm-results", "/results", 2, "8Gi").manifest(invocation);
    return new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(manifest).readAll();
  }

  @Test
  void theCellsJobIsAnIndexedJobWithOneCompletionPerCellAndTheThrottle() throws Exception {
    JsonNode job = documents().get(0);
    assertThat(job.path("apiVersion").asText()).isEqualTo("batch/v1");
    assertThat(job.path("kind").asText()).isEqualTo("Job");
    assertThat(job.at("/metadata/name").asText()).isEqualTo("ddrm-quick-suite-cells");
    assertThat(job.at("/metadata/labels/ddrm-suite").asText()).isEqualTo("quick-suite");
    JsonNode spec = job.path("spec");
    assertThat(spec.path("completionMode").asText()).isEqualTo("Indexed");
    assertThat(spec.path("completions").asInt()).isEqualTo(4);
    assertThat(spec.path("parallelism").asInt()).isEqualTo(2);
    assertThat(spec.at("/template/spec/restartPolicy").asText()).isEqualTo("Never");
    JsonNode container = spec.at("/template/spec/containers/0");
    assertThat(container.path("image").asText()).isEqualTo("registry.example/ddrm:1.0");
    assertThat(container.path("workingDir").asText()).isEqualTo("/opt/ddrm");
    assertThat(container.path("command").get(0).asText()).isEqualTo("/bin/sh");
    assertThat(container.path("command").get(1).asText()).isEqualTo("-c");
    assertThat(container.path("command").get(2).asText()).isEqualTo("exec 'bin/ddrm' 'suite'"
        + " 'configs/suites/quick.properties' '--out' '/results/suite-quick' '--set'"
        + " 'cache.dir=/results/backend-cache' '--cell' \"$JOB_COMPLETION_INDEX\" '--no-report'"
        + " '--set' 'tf.intra_op_threads=2' '--set' 'tf.inter_op_threads=2'");
    assertThat(container.at("/resources/requests/cpu").asText()).isEqualTo("2");
    assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("8Gi");
    assertThat(container.at("/volumeMounts/0/name").asText()).isEqualTo("results");
    assertThat(container.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/results");
    JsonNode volume = spec.at("/template/spec/volumes/0");
    assertThat(volume.path("name").asText()).isEqualTo("results");
    assertThat(volume.at("/persistentVolumeClaim/claimName").asText()).isEqualTo("ddrm-results");
  }

  @Test
  void theReportJobIsOnePlainRunnerOnTheSameVolume() throws Exception {
    List<JsonNode> documents = documents();
    assertThat(documents).hasSize(2);
    JsonNode job = documents.get(1);
    assertThat(job.path("kind").asText()).isEqualTo("Job");
    assertThat(job.at("/metadata/name").asText()).isEqualTo("ddrm-quick-suite-report");
    assertThat(job.at("/spec/completionMode").isMissingNode()).isTrue();
    String command = job.at("/spec/template/spec/containers/0/command/2").asText();
    assertThat(command).startsWith("exec 'bin/ddrm' 'suite' 'configs/suites/quick.properties'"
        + " '--out' '/results/suite-quick'").doesNotContain("--cell", "--no-report");
    assertThat(job.at("/spec/template/spec/volumes/0/persistentVolumeClaim/claimName").asText())
        .isEqualTo("ddrm-results");
  }
}
