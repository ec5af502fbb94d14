package org.ddrm.core.train;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.TripleBatch;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The loss an embedding stage trains: the denoiser's own loss, plus the backend's
 * regularisation of the batch and its auxiliary loss (SGL's InfoNCE) whenever the stage trains
 * any of the backend's variables. The one place these terms are added, so that every denoiser
 * gets them exactly once and none can forget them.
 */
public final class StageLoss {
  private StageLoss() {}

  /**
   * {@code denoiserLoss + regularization + auxiliary} when {@code trainsBackend}, else the
   * denoiser's loss alone (a frozen backend learns nothing from its own terms).
   */
  public static Operand<TFloat32> compose(Ops tf, Operand<TFloat32> denoiserLoss,
      EmbeddingBackend backend, TripleBatch batch, boolean trainsBackend) {
    if (!trainsBackend) {
      return denoiserLoss;
    }
    Operand<TFloat32> total = tf.math.add(denoiserLoss, backend.regularization(batch));
    Optional<Operand<TFloat32>> auxiliary = backend.auxiliaryLoss(batch);
    return auxiliary.isPresent() ? tf.math.add(total, auxiliary.get()) : total;
  }

  /** Whether a stage training {@code trained} trains any of the backend's variables. */
  public static boolean trainsBackend(EmbeddingBackend backend,
      Collection<Variable<TFloat32>> trained) {
    Set<String> names = trained.stream().map(v -> v.op().name()).collect(Collectors.toSet());
    return backend.variables().stream().anyMatch(v -> names.contains(v.op().name()));
  }
}
