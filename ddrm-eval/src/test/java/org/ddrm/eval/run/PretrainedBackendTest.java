package org.ddrm.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code pretrained} backend: tables from .npy files and from PyTorch checkpoints. */
class PretrainedBackendTest {
  @TempDir Path dir;

  @Test
  void tablesARunExportedReproduceItsMetricsFromNpyAndFromAPytorchCheckpoint() throws Exception {
    RunResult trained = ExperimentTest.run(dir.resolve("mf"), with(ExperimentTest.SMALL_MF,
        "export.embeddings=true"));
    Path users = dir.resolve("mf").resolve(EmbeddingExport.USERS);
    Path items = dir.resolve("mf").resolve(EmbeddingExport.ITEMS);
    Map<String, NpyTable> tensors = new LinkedHashMap<>();
    tensors.put("user_emb.weight", NpyTable.read(users));
    tensors.put("item_emb.weight", NpyTable.read(items));
    Path checkpoint = writeTorchCheckpoint(dir.resolve("ml_MF_checkpoint.pth"), tensors);

    RunResult fromNpy = ExperimentTest.run(dir.resolve("npy"), pretrained(
        "pretrained.users=" + users, "pretrained.items=" + items));
    RunResult fromPth = ExperimentTest.run(dir.resolve("pth"), pretrained(
        "pretrained.users=" + checkpoint));

    for (RunResult loaded : List.of(fromNpy, fromPth)) {
      assertThat(loaded.stages().get(0).epochsRun()).isZero();
      trained.test().means().forEach((metric, value) ->
          assertThat(loaded.test().metric(metric)).as(metric).isCloseTo(value, within(1e-9)));
    }
  }

  @Test
  void checkpointKeysAreFoundByTheirRowCountsOrNamedAndAWrongNameListsTheKeys() throws Exception {
    Map<String, NpyTable> tensors = new LinkedHashMap<>();
    tensors.put("users_feature.weight", new NpyTable(300, 4, new float[300 * 4]));
    tensors.put("items_feature.weight", new NpyTable(200, 4, new float[200 * 4]));
    tensors.put("extra.weight", new NpyTable(200, 2, new float[200 * 2]));
    Path checkpoint = writeTorchCheckpoint(dir.resolve("sgl.tar"), tensors);

    assertThatThrownBy(() -> ExperimentTest.run(dir.resolve("a"), pretrained(
        "pretrained.users=" + checkpoint))).hasMessageContaining("2 tensors have 200 rows")
        .hasMessageContaining("pretrained.item_key");
    assertThatThrownBy(() -> ExperimentTest.run(dir.resolve("b"), pretrained(
        "pretrained.users=" + checkpoint, "pretrained.item_key=item.weight")))
        .hasMessageContaining("no 2-D float tensor 'item.weight'")
        .hasMessageContaining("items_feature.weight");
    assertThatThrownBy(() -> ExperimentTest.run(dir.resolve("d"), pretrained(
        "pretrained.users=" + dir.resolve("missing.pth")))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pretrained.users = ").hasMessageContaining("no such file");
    RunResult run = ExperimentTest.run(dir.resolve("c"), pretrained(
        "pretrained.users=" + checkpoint, "pretrained.item_key=items_feature.weight"));
    assertThat(run.test().metric("recall@20")).isBetween(0.0, 1.0);
  }

  @Test
  void ddrmTrainsOnPretrainedTablesWithoutABackendStageToTrain() throws Exception {
    ExperimentTest.run(dir.resolve("mf"), with(ExperimentTest.SMALL_MF, "export.embeddings=true"));
    RunResult ddrm = ExperimentTest.run(dir.resolve("ddrm"), pretrained(
        "pretrained.users=" + dir.resolve("mf").resolve(EmbeddingExport.USERS),
        "pretrained.items=" + dir.resolve("mf").resolve(EmbeddingExport.ITEMS),
        "denoiser=ddrm", "denoise.epochs=2", "denoise.eval_every=1", "denoise.min_epochs=1",
        "denoise.batch_size=256", "ddrm.hidden=16", "ddrm.steps=5", "ddrm.inference_steps=5",
        "ddrm.propagation_layers=1"));

    assertThat(ddrm.stages()).extracting(StageOutcome::name).containsExactly("backend", "denoiser");
    assertThat(ddrm.stages().get(0).epochsRun()).isZero();
    assertThat(ddrm.stages().get(1).curve()).hasSize(2);
    assertThat(ddrm.test().metric("recall@20")).isBetween(0.0, 1.0);
  }

  private static List<String> pretrained(String... more) {
    List<String> all = new ArrayList<>(ExperimentTest.SMALL_MF);
    all.set(0, "backend=pretrained");
    all.removeIf(s -> s.startsWith("mf."));
    all.addAll(List.of(more));
    return all;
  }

  private static List<String> with(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }

  /**
   * A checkpoint as {@code torch.save(state_dict)} writes it: a zip of {@code archive/data.pkl}
   * (protocol 2 pickle of an OrderedDict of {@code _rebuild_tensor_v2} calls whose storages are
   * persistent ids), {@code archive/data/<n>} (raw little-endian floats) and the version.
   */
  static Path writeTorchCheckpoint(Path file, Map<String, NpyTable> tensors) throws IOException {
    Pickle p = new Pickle();
    p.op(0x80).op(2).global("collections", "OrderedDict").op('q').op(0).op(')').op('R')
        .op('q').op(1).op('(');
    int storage = 0;
    for (Map.Entry<String, NpyTable> e : tensors.entrySet()) {
      NpyTable t = e.getValue();
      p.unicode(e.getKey()).global("torch._utils", "_rebuild_tensor_v2").op('(')
          .op('(').unicode("storage").global("torch", "FloatStorage")
          .unicode(Integer.toString(storage++)).unicode("cuda:0").binint(t.rows() * t.columns())
          .op('t').op('Q')
          .binint(0).binint(t.rows()).binint(t.columns()).op(0x86)
          .binint(t.columns()).binint(1).op(0x86).op(0x89)
          .op('h').op(0).op(')').op('R').op('t').op('R');
    }
    p.op('u').op('}').unicode("_metadata").op('}').op('s').op('b').op('.');
    try (OutputStream raw = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(raw)) {
      zip.putNextEntry(new ZipEntry("archive/data.pkl"));
      zip.write(p.bytes());
      storage = 0;
      for (NpyTable t : tensors.values()) {
        zip.putNextEntry(new ZipEntry("archive/data/" + storage++));
        ByteBuffer data = ByteBuffer.allocate(4 * t.values().length).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(t.values());
        zip.write(data.array());
      }
      zip.putNextEntry(new ZipEntry("archive/version"));
      zip.write("3\n".getBytes(StandardCharsets.US_ASCII));
    }
    return file;
  }

  private static final class Pickle {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Pickle op(int code) {
      out.write(code);
      return this;
    }

    Pickle global(String module, String name) {
      out.write('c');
      out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
      return this;
    }

    Pickle unicode(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.write('X');
      out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
      out.writeBytes(b);
      return this;
    }

    Pickle binint(int v) {
      out.write('J');
      out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
