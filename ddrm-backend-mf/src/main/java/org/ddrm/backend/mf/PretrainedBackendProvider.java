package org.ddrm.backend.mf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.Setting;
import org.ddrm.api.SettingSet;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.api.TripleBatch;
import org.ddrm.api.graph.GraphPropagation;
import org.ddrm.api.graph.NormalizedAdjacency;
import org.ddrm.api.graph.Pooling;
import org.ddrm.api.graph.UserItemTables;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Embeddings trained elsewhere: user and item tables loaded from NumPy {@code .npy} files or a
 * PyTorch checkpoint ({@link TorchCheckpoint}), held as constants, so the backend has nothing
 * to train: a plain run evaluates the tables as loaded, and DDRM (or another frozen-backend
 * denoiser) trains on them. With {@code layers > 0} the final tables are the loaded ones
 * propagated over the train graph with LightGCN's mean pooling (a LightGCN checkpoint holds
 * layer 0); DDRM reads the loaded tables as its base embeddings either way.
 */
public final class PretrainedBackendProvider implements EmbeddingBackendProvider {
  private static final String NAME = "pretrained";
  private static final SettingSet KEYS = new SettingSet();
  private static final Setting<String> USERS = KEYS.add(Setting.text(new SettingSpec("users", "",
      "user table: a .npy file, or a PyTorch checkpoint (.pth, .tar or any torch.save zip)"
          + " holding both tables")));
  private static final Setting<String> ITEMS = KEYS.add(Setting.text(new SettingSpec("items", "",
      "item table: a .npy file (empty: the checkpoint of 'users')")));
  private static final Setting<String> USER_KEY = KEYS.add(Setting.text(new SettingSpec(
      "user_key", "", "the checkpoint's user table key (empty: the only 2-D float tensor with"
          + " one row per user)")));
  private static final Setting<String> ITEM_KEY = KEYS.add(Setting.text(new SettingSpec(
      "item_key", "", "the checkpoint's item table key (empty: the only 2-D float tensor with"
          + " one row per item)")));
  private static final Setting<Integer> LAYERS = KEYS.add(Setting.integer(new SettingSpec(
      "layers", "0", "LightGCN propagation layers (mean pooling) for the final tables; 0: the"
          + " tables as loaded").atLeast(0)));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "user and item tables loaded from .npy files or a PyTorch checkpoint, not trained";
  }

  @Override
  public List<SettingSpec> settings() {
    return KEYS.specs();
  }

  @Override
  public EmbeddingBackend build(ModelGraph graph, Settings settings) {
    int numUsers = graph.dataset().numUsers();
    int numItems = graph.dataset().numItems();
    String users = USERS.read(NAME, settings);
    if (users.isBlank()) {
      throw new IllegalArgumentException("pretrained.users: give a .npy file or a PyTorch"
          + " checkpoint");
    }
    Path userFile = existing("users", users);
    Table userTable;
    Table itemTable;
    if (users.endsWith(".npy")) {
      String items = ITEMS.read(NAME, settings);
      if (!items.endsWith(".npy")) {
        throw new IllegalArgumentException("pretrained.items: give the .npy item table that goes"
            + " with pretrained.users = " + users);
      }
      userTable = NpyFile.read(userFile);
      itemTable = NpyFile.read(existing("items", items));
    } else {
      Map<String, Table> tensors = TorchCheckpoint.read(userFile);
      userTable = pick(userFile, tensors, USER_KEY.read(NAME, settings), numUsers, "user");
      itemTable = pick(userFile, tensors, ITEM_KEY.read(NAME, settings), numItems, "item");
    }
    check(userTable, numUsers, "users", users);
    String items = ITEMS.read(NAME, settings);
    check(itemTable, numItems, "items", items.isBlank() ? users : items);
    if (userTable.columns() != itemTable.columns()) {
      throw new IllegalArgumentException("pretrained: user tables of width " + userTable.columns()
          + " and item tables of width " + itemTable.columns() + " cannot be scored together");
    }
    Ops tf = graph.tf().withSubScope("pretrained");
    UserItemTables loaded = new UserItemTables(
        tf.withName("users").constant(userTable.toRows()),
        tf.withName("items").constant(itemTable.toRows()));
    int layers = LAYERS.read(NAME, settings);
    UserItemTables output = layers == 0 ? loaded
        : new GraphPropagation(layers, Pooling.MEAN).propagate(tf,
            NormalizedAdjacency.of(tf.withSubScope("adjacency"), graph.dataset().trainMatrix()),
            loaded);
    return new Backend(tf, loaded, output, userTable.columns());
  }

  private static Path existing(String key, String value) {
    Path file = Path.of(value);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("pretrained." + key + " = " + value + ": no such file"
          + " (resolved to " + file.toAbsolutePath().normalize() + ")");
    }
    return file;
  }

  private static Table pick(Path file, Map<String, Table> tensors, String key, int rows,
      String what) {
    if (!key.isBlank()) {
      Table table = tensors.get(key);
      if (table == null) {
        throw new IllegalArgumentException(file + ": no 2-D float tensor '" + key + "' (tensors: "
            + tensors.keySet() + ")");
      }
      return table;
    }
    List<String> matching = tensors.entrySet().stream()
        .filter(e -> e.getValue().rows() == rows).map(Map.Entry::getKey).toList();
    if (matching.size() != 1) {
      throw new IllegalArgumentException(file + ": " + matching.size() + " tensors have " + rows
          + " rows (one per " + what + "): " + matching + " of " + tensors.keySet()
          + "; name one with pretrained." + what + "_key");
    }
    return tensors.get(matching.get(0));
  }

  private static void check(Table table, int rows, String what, String file) {
    if (table.rows() != rows) {
      throw new IllegalArgumentException(file + ": " + table.rows() + " rows, but the data set has "
          + rows + " " + what);
    }
  }

  /** The loaded tables as constants: nothing to train, nothing to regularise. */
  private record Backend(Ops tf, UserItemTables loaded, UserItemTables output, int dimension)
      implements EmbeddingBackend {
    @Override
    public Operand<TFloat32> userEmbeddings() {
      return output.users();
    }

    @Override
    public Operand<TFloat32> itemEmbeddings() {
      return output.items();
    }

    @Override
    public UserItemTables baseEmbeddings() {
      return loaded;
    }

    @Override
    public Operand<TFloat32> regularization(TripleBatch batch) {
      return tf.constant(0f);
    }

    @Override
    public List<Variable<TFloat32>> variables() {
      return List.of();
    }
  }
}
