package org.ddrm.baselines.denoise;

import java.util.List;
import java.util.random.RandomGenerator;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.TrainingHook;
import org.ddrm.api.graph.TableSnapshot;
import org.ddrm.api.graph.UserItemTables;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * DeCA-p's prior (Wang et al. 2022): the target model itself after its plain BPR stage, frozen.
 * Its final user and item tables are snapshotted ({@link TableSnapshot}) at the start of the
 * first epoch of a stage; the copy taken before the denoising stage, after the BPR stage's best
 * checkpoint is restored (or loaded from the backend cache), is the one that stays. Register
 * it as a training hook.
 */
final class PretrainedPrior implements PairModel, TrainingHook {
  private final Ops tf;
  private final TableSnapshot snapshot;

  PretrainedPrior(Ops root, EmbeddingBackend backend, int numUsers, int numItems) {
    this.tf = root.withSubScope("pretrained_prior");
    this.snapshot = TableSnapshot.of(tf, new UserItemTables(backend.userEmbeddings(),
        backend.itemEmbeddings()), numUsers, numItems, backend.dimension());
  }

  @Override
  public void beforeEpoch(int epoch, Session session, RandomGenerator random) {
    snapshot.beforeEpoch(epoch, session, random);
  }

  @Override
  public Operand<TFloat32> probability(Operand<TInt32> userIds, Operand<TInt32> itemIds) {
    UserItemTables tables = snapshot.tables();
    return PairModel.sigmoidOfDot(tf, tables.users(), tables.items(), userIds, itemIds);
  }

  @Override
  public List<Variable<TFloat32>> variables() {
    return List.of();
  }
}
