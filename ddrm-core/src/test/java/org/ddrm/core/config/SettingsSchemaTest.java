package org.ddrm.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsSchemaTest {
  @TempDir Path dir;

  private final SettingsSchema schema = new SettingsSchema()
      .add("", FrameworkSettings.all())
      .add("mf", List.of(new SettingSpec("dim", "64", "size"), new SettingSpec("reg", "1e-4", "l2")));

  @Test
  void unknownKeyIsAnErrorNamingTheFileAndTheNearestValidKey() throws Exception {
    Path file = write("bad.properties", "backend = mf\nmf.dimm = 32\n");
    assertThatThrownBy(() -> schema.validate(ConfigLoader.load(file, List.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown setting 'mf.dimm'")
        .hasMessageContaining("bad.properties")
        .hasMessageContaining("did you mean 'mf.dim'?");
  }

  @Test
  void defaultsFillKeysTheFileLeavesOut() throws Exception {
    Path file = write("ok.properties", "backend = mf\nmf.reg = 0.01\n");
    Settings settings = schema.validate(ConfigLoader.load(file, List.of()));
    assertThat(settings.scope("mf").getInt("dim")).isEqualTo(64);
    assertThat(settings.scope("mf").getDouble("reg")).isEqualTo(0.01);
    assertThat(settings.getInt("train.batch_size")).isEqualTo(2048);
  }

  @Test
  void overridesWinOverTheFileAndIncludesAreFollowed() throws Exception {
    write("base.properties", "mf.dim = 16\ntrain.lr = 0.01\n");
    Path file = write("run.properties", "include = base.properties\nbackend = mf\ntrain.lr = 0.02\n");
    Settings settings = schema.validate(ConfigLoader.load(file, List.of("mf.dim=8")));
    assertThat(settings.getInt("mf.dim")).isEqualTo(8);
    assertThat(settings.getDouble("train.lr")).isEqualTo(0.02);
  }

  @Test
  void unknownOverrideIsRejectedLikeAFileKey() {
    assertThatThrownBy(() -> schema.validate(ConfigLoader.fromOverrides(List.of("trian.lr=1"))))
        .hasMessageContaining("unknown setting 'trian.lr' in <command line>")
        .hasMessageContaining("did you mean 'train.lr'?");
  }

  @Test
  void malformedOverrideAndMissingFileAreClearErrors() {
    assertThatThrownBy(() -> ConfigLoader.fromOverrides(List.of("train.lr")))
        .hasMessageContaining("override 'train.lr' is not of the form key=value");
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.properties"), List.of()))
        .hasMessageContaining("config file not found")
        .hasMessageContaining("nope.properties");
  }

  @Test
  void valuesOfTheWrongTypeNameTheirKey() {
    Settings settings = schema.validate(
        ConfigLoader.fromOverrides(List.of("mf.dim=sixty", "tf.deterministic=maybe", "eval.ks=10,x")));
    assertThatThrownBy(() -> settings.scope("mf").getInt("dim"))
        .hasMessageContaining("'mf.dim' = 'sixty' is not an integer");
    assertThatThrownBy(() -> settings.getBoolean("tf.deterministic"))
        .hasMessageContaining("'tf.deterministic' = 'maybe' is not true or false");
    assertThatThrownBy(() -> settings.getIntList("eval.ks"))
        .hasMessageContaining("'eval.ks'");
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }
}
