package org.ddrm.backend.sgl;

import java.util.List;
import java.util.Optional;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.RankingOps;
import org.ddrm.api.TripleBatch;
import org.ddrm.api.graph.GraphPropagation;
import org.ddrm.api.graph.UserItemTables;
import org.ddrm.api.nn.InfoNce;
import org.ddrm.backend.lightgcn.LightGcnBackend;
import org.ddrm.backend.lightgcn.LightGcnEncoder;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * SGL: the LightGCN backend (its final tables, base tables, L2 and variables) plus InfoNCE
 * between the two augmented views' encodings of the batch's users and positive items. Each is
 * contrasted with the batch's distinct users (items) of the other view (as SELFRec's SGL does),
 * or with every user (item) of the other view (SGL's original code), a setting.
 */
final class SglBackend implements EmbeddingBackend {
  private final Ops tf;
  private final LightGcnBackend lightGcn;
  private final UserItemTables first;
  private final UserItemTables second;
  private final float temperature;
  private final float weight;
  private final boolean allNegatives;

  SglBackend(Ops tf, LightGcnBackend lightGcn, AugmentedViews views, SglSettings settings) {
    this.tf = tf;
    this.lightGcn = lightGcn;
    LightGcnEncoder encoder = lightGcn.encoder();
    this.first = encoder.encode(views.view(0));
    this.second = encoder.encode(views.view(1));
    this.temperature = (float) settings.temperature();
    this.weight = (float) settings.sslWeight();
    this.allNegatives = settings.allNegatives();
  }

  /** The first augmented view's pooled tables. */
  UserItemTables firstView() {
    return first;
  }

  /** The second augmented view's pooled tables. */
  UserItemTables secondView() {
    return second;
  }

  @Override
  public Operand<TFloat32> userEmbeddings() {
    return lightGcn.userEmbeddings();
  }

  @Override
  public Operand<TFloat32> itemEmbeddings() {
    return lightGcn.itemEmbeddings();
  }

  @Override
  public UserItemTables baseEmbeddings() {
    return lightGcn.baseEmbeddings();
  }

  @Override
  public int dimension() {
    return lightGcn.dimension();
  }

  @Override
  public Operand<TFloat32> regularization(TripleBatch batch) {
    return lightGcn.regularization(batch);
  }

  /** {@code ssl_weight * (InfoNCE over the batch's users + over its positive items)}. */
  @Override
  public Optional<Operand<TFloat32>> auxiliaryLoss(TripleBatch batch) {
    Operand<TFloat32> users = infoNce(first.users(), second.users(), batch.users());
    Operand<TFloat32> items = infoNce(first.items(), second.items(), batch.positives());
    return Optional.of(tf.math.mul(tf.constant(weight), tf.math.add(users, items)));
  }

  /**
   * Mean over the anchors n of {@code -log(exp(<a_n, b_n> / t) / sum_m exp(<a_n, b_m> / t))},
   * rows L2-normalised. Anchors and negatives m are the distinct {@code ids} (batch negatives), or
   * the anchors are all of {@code ids} and m runs over every row of the second view.
   */
  private Operand<TFloat32> infoNce(Operand<TFloat32> viewA, Operand<TFloat32> viewB,
      Operand<TInt32> ids) {
    Operand<TInt32> anchors = allNegatives ? ids : tf.unique(ids, tf.constant(new int[] {0})).y();
    Operand<TFloat32> a = GraphPropagation.l2NormalizeRows(tf, RankingOps.rows(tf, viewA, anchors));
    Operand<TFloat32> b;
    Operand<TFloat32> negatives;
    if (allNegatives) {
      negatives = GraphPropagation.l2NormalizeRows(tf, viewB);
      b = RankingOps.rows(tf, negatives, anchors);
    } else {
      b = GraphPropagation.l2NormalizeRows(tf, RankingOps.rows(tf, viewB, anchors));
      negatives = b;
    }
    return InfoNce.loss(tf, a, b, negatives, temperature);
  }

  @Override
  public List<Variable<TFloat32>> variables() {
    return lightGcn.variables();
  }
}
