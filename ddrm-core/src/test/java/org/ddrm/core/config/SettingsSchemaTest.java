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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
  void valuesOfTheWrongTypeNameTheirKeyWhenRead() {
    Settings settings = schema.validate(ConfigLoader.fromOverrides(List.of("mf.dim=sixty")));
    assertThatThrownBy(() -> settings.scope("mf").getInt("dim"))
        .hasMessageContaining("'mf.dim' = 'sixty' is not an integer");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "train.lr=0              | 'train.lr' = '0' in <command line>: must be a number > 0",
      "denoise.lr=-1           | 'denoise.lr' = '-1' in <command line>: must be a number > 0",
      "train.epochs=0          | 'train.epochs' = '0' in <command line>: must be a whole number >= 1",
      "train.patience=2.5      | must be a whole number >= 1",
      "tf.deterministic=maybe  | 'tf.deterministic' = 'maybe' in <command line>: must be one of true, false",
      "eval.ks=10,x            | 'eval.ks' = '10,x' in <command line>: must be a comma-separated list",
      "data.inject_noise_ratio=1 | must be a number >= 0 and < 1",
      "data.synthetic.noise_ratio=-0.1 | must be a number >= 0 and < 1"})
  void valuesOutsideTheirRuleAreRejectedBeforeTheRunStarts(String override, String message) {
    assertThatThrownBy(() -> schema.validate(ConfigLoader.fromOverrides(List.of(override))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }

  @Test
  void anOptionalKeyAcceptsTheEmptyValue() {
    Settings settings = schema.validate(ConfigLoader.fromOverrides(List.of("denoise.seed=")));
    assertThat(settings.getString("denoise.seed")).isEmpty();
  }

  @Test
  void everyFrameworkDefaultPassesItsOwnRule() {
    for (SettingSpec spec : FrameworkSettings.all()) {
      assertThat(spec.problem(spec.defaultValue())).as(spec.key()).isEmpty();
    }
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }
}
