package org.ddrm.backend.lightgcn;

import java.util.List;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.TripleBatch;
import org.ddrm.api.graph.UserItemTables;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * LightGCN as an embedding backend: the encoder's pooled tables over the train graph are the
 * final embeddings, its layer-0 tables the base ones; L2 on the batch's layer-0 rows.
 */
public final class LightGcnBackend implements EmbeddingBackend {
  private final LightGcnEncoder encoder;
  private final UserItemTables pooled;

  public LightGcnBackend(LightGcnEncoder encoder) {
    this.encoder = encoder;
    this.pooled = encoder.encode();
  }

  public LightGcnEncoder encoder() {
    return encoder;
  }

  @Override
  public Operand<TFloat32> userEmbeddings() {
    return pooled.users();
  }

  @Override
  public Operand<TFloat32> itemEmbeddings() {
    return pooled.items();
  }

  @Override
  public UserItemTables baseEmbeddings() {
    return encoder.layer0();
  }

  @Override
  public int dimension() {
    return encoder.settings().dim();
  }

  @Override
  public Operand<TFloat32> regularization(TripleBatch batch) {
    return encoder.regularization(batch);
  }

  @Override
  public List<Variable<TFloat32>> variables() {
    return encoder.variables();
  }
}
