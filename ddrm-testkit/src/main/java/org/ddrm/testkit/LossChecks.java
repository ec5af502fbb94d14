package org.ddrm.testkit;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.ddrm.api.DenoiserProvider;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.api.TripleBatch;
import org.ddrm.core.train.EmbeddingPipeline;
import org.ddrm.core.train.TrainingStage;
import org.junit.jupiter.api.Assumptions;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Checks of the loss contract (see {@link org.ddrm.api.Denoiser}): the pipeline adds the
 * backend's regularisation and auxiliary loss once to every stage that trains the backend.
 */
public final class LossChecks {
  /** The value a marker is fed with: far above any loss of the kit's data. */
  private static final float MARK = 100f;

  private LossChecks() {}

  /**
   * With the {@code none} denoiser, the stage's loss is BPR plus the backend's regularisation
   * plus its auxiliary loss, each a finite scalar.
   */
  public static void backendTermsReachTheStageLoss(EmbeddingBackendProvider provider,
      Map<String, String> settings) {
    String what = "backend '" + provider.name() + "'";
    DenoiserProvider none = org.ddrm.core.plugin.ProviderRegistry.discover().denoiser("none");
    try (KitRun run = ModelChecks.open(
        seed -> KitRun.embedding(provider, none, settings, seed), what, 1)) {
      EmbeddingPipeline pipeline = run.pipeline().orElseThrow();
      EmbeddingBackend backend = pipeline.backend();
      TripleBatch batch = pipeline.batch();
      float regularization = scalar(run, backend.regularization(batch), what,
          "regularization(batch)");
      if (!Float.isFinite(regularization) || regularization < 0) {
        throw new AssertionError(what + ": regularization(batch) is " + regularization
            + "; it must be a finite, non-negative weight-decay term (0 when there is none)");
      }
      Optional<Operand<TFloat32>> auxiliaryLoss = backend.auxiliaryLoss(batch);
      float auxiliary = auxiliaryLoss.isEmpty() ? 0f
          : scalar(run, auxiliaryLoss.get(), what, "auxiliaryLoss(batch)");
      if (!Float.isFinite(auxiliary)) {
        throw new AssertionError(what + ": auxiliaryLoss(batch) is " + auxiliary);
      }
      float bpr = scalar(run, pipeline.denoiser().loss(), what, "the none denoiser's loss");
      float stage = scalar(run, run.stages().get(0).model().loss(), what, "the stage's loss");
      float expected = bpr + regularization + auxiliary;
      if (Math.abs(stage - expected) > 1e-4f * Math.max(1f, Math.abs(expected))) {
        throw new AssertionError(String.format(Locale.ROOT, "%s: the stage's loss is %.6f, but"
            + " BPR %.6f + regularization %.6f + auxiliary loss %.6f = %.6f; the backend's terms"
            + " must be built from the batch it is given (TripleBatch), once per call",
            what, stage, bpr, regularization, auxiliary, expected));
      }
    }
  }

  /**
   * On the kit's probe backend, each stage's loss carries the backend's regularisation and
   * auxiliary loss exactly once when the stage trains the backend's variables, and not at all
   * when the backend is frozen; and two evaluations of one batch give one loss.
   */
  public static void backendTermsCountedOnce(DenoiserProvider provider,
      Map<String, String> settings) {
    String what = "denoiser '" + provider.name() + "'";
    ProbeBackendProvider probe = new ProbeBackendProvider();
    try (KitRun run = ModelChecks.open(
        seed -> KitRun.embedding(probe, provider, settings, seed), what, 1)) {
      ProbeBackendProvider.ProbeBackend backend = probe.built();
      Set<String> backendVariables = backend.variables().stream().map(v -> v.op().name())
          .collect(Collectors.toSet());
      boolean checked = false;
      for (int k = 0; k < run.stages().size(); k++) {
        TrainingStage stage = run.stages().get(k);
        List<Variable<TFloat32>> trained = stage.model().trainableVariables();
        if (trained.isEmpty()) {
          continue;
        }
        checked = true;
        boolean trainsBackend = trained.stream()
            .anyMatch(v -> backendVariables.contains(v.op().name()));
        Operand<TFloat32> loss = stage.model().loss();
        float plain = run.fetch(loss, k, Map.of())[0];
        float again = run.fetch(loss, k, Map.of())[0];
        if (Float.floatToIntBits(plain) != Float.floatToIntBits(again)) {
          throw new AssertionError(what + ": stage '" + stage.name() + "' gives " + plain
              + " and then " + again + " for one batch; a random op draws from a stateful"
              + " generator: use org.ddrm.api.nn.SeededOps with graph.nextOpSeed()");
        }
        termCountedOnce(run, k, what, stage.name(), trainsBackend, plain,
            backend.regularizationMarker(), "regularization(batch)");
        termCountedOnce(run, k, what, stage.name(), trainsBackend, plain,
            backend.auxiliaryMarker(), "auxiliaryLoss(batch)");
      }
      Assumptions.assumeTrue(checked, what + " trains nothing");
    }
  }

  private static void termCountedOnce(KitRun run, int index, String what, String stage,
      boolean trainsBackend, float plain, Operand<TFloat32> marker, String term) {
    Operand<TFloat32> loss = run.stages().get(index).model().loss();
    float marked = run.fetch(loss, index, Map.of(marker, MARK))[0];
    double times = (marked - plain) / MARK;
    long counted = Math.round(times);
    if (Math.abs(times - counted) > 1e-3) {
      throw new AssertionError(String.format(Locale.ROOT, "%s: stage '%s' moves by %.4f times"
          + " the backend's %s; a loss must add the backend's terms as they are, not scaled",
          what, stage, times, term));
    }
    int expected = trainsBackend ? 1 : 0;
    if (counted == expected) {
      return;
    }
    if (counted == 0) {
      throw new AssertionError(what + ": stage '" + stage + "' trains the backend's variables,"
          + " but the backend's " + term + " does not reach its loss (SGL's InfoNCE would be"
          + " lost): the pipeline adds it to the denoiser's loss; the denoiser's loss() must"
          + " not cancel or replace it");
    }
    if (!trainsBackend) {
      throw new AssertionError(what + ": stage '" + stage + "' keeps the backend frozen, yet its"
          + " loss contains the backend's " + term + ": a frozen backend's terms do not belong in"
          + " the denoiser's loss(); remove them");
    }
    throw new AssertionError(what + ": stage '" + stage + "' counts the backend's " + term + " "
        + counted + " times: the pipeline already adds it once (see org.ddrm.api.Denoiser);"
        + " remove backend." + term.replace("(batch)", "") + "(...) from the denoiser's loss()");
  }

  private static float scalar(KitRun run, Operand<TFloat32> output, String what, String name) {
    float[] values = run.fetch(output, 0, Map.of());
    if (values.length != 1) {
      throw new AssertionError(what + ": " + name + " has " + values.length
          + " values; it must be a scalar (reduce it with a mean or a sum)");
    }
    return values[0];
  }
}
