package org.ddrm.baselines.denoise;

import java.util.List;
import java.util.random.RandomGenerator;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.TrainingHook;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * DeCA-p's prior (Wang et al. 2022): the target model itself after its plain BPR stage, frozen.
 * Its final user and item tables are copied into variables of their own at the start of the
 * first epoch of a stage; the copy taken before the denoising stage, after the BPR stage's best
 * checkpoint is restored (or loaded from the backend cache), is the one that stays. The copies
 * are saved with the run's checkpoints, so a resumed run keeps them.
 */
final class PretrainedPrior implements PairModel, TrainingHook {
  private final Ops tf;
  private final Variable<TFloat32> users;
  private final Variable<TFloat32> items;
  private final List<Op> copy;

  PretrainedPrior(Ops root, EmbeddingBackend backend, int numUsers, int numItems) {
    this.tf = root.withSubScope("pretrained_prior");
    int dim = backend.dimension();
    this.users = tf.withName("user_embedding")
        .variable(tf.zeros(tf.constant(Shape.of(numUsers, dim)), TFloat32.class));
    this.items = tf.withName("item_embedding")
        .variable(tf.zeros(tf.constant(Shape.of(numItems, dim)), TFloat32.class));
    Ops copies = tf.withSubScope("copy");
    this.copy = List.of(copies.assign(users, copies.stopGradient(backend.userEmbeddings())),
        copies.assign(items, copies.stopGradient(backend.itemEmbeddings())));
  }

  @Override
  public void beforeEpoch(int epoch, Session session, RandomGenerator random) {
    if (epoch == 1) {
      Session.Runner runner = session.runner();
      copy.forEach(runner::addTarget);
      runner.run();
    }
  }

  @Override
  public Operand<TFloat32> probability(Operand<TInt32> userIds, Operand<TInt32> itemIds) {
    return PairModel.sigmoidOfDot(tf, users, items, userIds, itemIds);
  }

  @Override
  public List<Variable<TFloat32>> variables() {
    return List.of();
  }
}
