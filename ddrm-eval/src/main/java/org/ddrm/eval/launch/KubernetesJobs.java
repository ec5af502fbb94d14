package org.ddrm.eval.launch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code ddrm suite --emit k8s}: an Indexed Job with one completion per cell index (each pod
 * {@code ddrm suite ... --cell $JOB_COMPLETION_INDEX}), at most {@code parallelism} pods at once,
 * plus a report Job: a plain cooperating runner that runs whatever no pod took, waits for the
 * cells the pods hold and writes the report. Both mount the suite's directory from a shared
 * (ReadWriteMany) volume, where the backend cache lives too; the image holds the repository (and
 * its data sets) at the working directory.
 *
 * @param suiteName the suite's name (job names, labels)
 * @param cells how many cells the suite has
 * @param parallelism the most cell pods at once
 * @param image the container image
 * @param volumeClaim the shared volume's PersistentVolumeClaim
 * @param mountPath where the volume is mounted
 * @param cpus the cores of one pod (and its TF threads)
 * @param memory one pod's memory (request and limit)
 */
public record KubernetesJobs(String suiteName, int cells, int parallelism, String image,
    String volumeClaim, String mountPath, int cpus, String memory) {

  /** The name of the volume in the pod specs. */
  static final String VOLUME = "results";

  /**
   * The manifest (two YAML documents) for the given invocation, whose paths are those inside
   * the container.
   */
  public String manifest(SuiteInvocation invocation) {
    String cellCommand = "exec " + shell(invocation.command(SuiteInvocation.join(
        List.of("--cell", "$JOB_COMPLETION_INDEX", "--no-report"),
        SuiteInvocation.threadOverrides(cpus))));
    String reportCommand = "exec " + shell(invocation.command(
        SuiteInvocation.threadOverrides(cpus)));
    Map<String, Object> cellsJob = job("cells", invocation, cellCommand);
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) cellsJob.get("spec");
    Map<String, Object> indexed = new LinkedHashMap<>();
    indexed.put("completionMode", "Indexed");
    indexed.put("completions", cells);
    indexed.put("parallelism", parallelism);
    indexed.putAll(spec);
    cellsJob.put("spec", indexed);
    Map<String, Object> reportJob = job("report", invocation, reportCommand);
    YAMLMapper yaml = YAMLMapper.builder()
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .disable(YAMLGenerator.Feature.SPLIT_LINES)
        .build();
    try {
      return yaml.writeValueAsString(cellsJob) + yaml.writeValueAsString(reportJob);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the Kubernetes manifest", e);
    }
  }

  /** {@code name} as a Kubernetes object name: lower case letters, digits and hyphens. */
  static String dnsName(String name) {
    String out = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
        .replaceAll("^-+|-+$", "");
    return out.isEmpty() ? "suite" : out;
  }

  private Map<String, Object> job(String name, SuiteInvocation invocation, String command) {
    Map<String, Object> labels = Map.of("app", "ddrm", "ddrm-suite", dnsName(suiteName));
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", "ddrm");
    container.put("image", image);
    container.put("workingDir", invocation.workingDirectory().toString());
    container.put("command", List.of("/bin/sh", "-c", command));
    container.put("env", List.of(Map.of("name", "DDRM_JAVA_OPTS", "value", "-Xmx4g")));
    Map<String, Object> amount = Map.of("cpu", String.valueOf(cpus), "memory", memory);
    container.put("resources", Map.of("requests", amount, "limits", amount));
    container.put("volumeMounts", List.of(Map.of("name", VOLUME, "mountPath", mountPath)));
    Map<String, Object> pod = new LinkedHashMap<>();
    pod.put("restartPolicy", "Never");
    pod.put("containers", List.of(container));
    pod.put("volumes", List.of(Map.of("name", VOLUME,
        "persistentVolumeClaim", Map.of("claimName", volumeClaim))));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("backoffLimit", Math.max(1, cells));
    spec.put("template", Map.of("metadata", Map.of("labels", labels), "spec", pod));
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("apiVersion", "batch/v1");
    job.put("kind", "Job");
    job.put("metadata",
        Map.of("name", "ddrm-" + dnsName(suiteName) + "-" + name, "labels", labels));
    job.put("spec", spec);
    return job;
  }


  private static String shell(List<String> command) {
    return command.stream()
        .map(a -> a.startsWith("$") ? "\"" + a + "\"" : SlurmArray.quote(a))
        .collect(Collectors.joining(" "));
  }
}
