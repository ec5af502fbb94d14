package org.ddrm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ddrm.api.graph.Pooling;
import org.junit.jupiter.api.Test;

class SettingTest {
  private static final SettingSet KEYS = new SettingSet();
  private static final Setting<Integer> DIM =
      KEYS.add(Setting.integer(new SettingSpec("dim", "64", "embedding size").atLeast(1)));
  private static final Setting<Double> DROP = KEYS.add(Setting.number(
      new SettingSpec("drop", "0.1", "drop share").withRule(ValueRule.shareBelowOne())));
  private static final Setting<Pooling> POOLING = KEYS.add(Setting.choice(
      new SettingSpec("pooling", "mean", "pooling"), Pooling.class));
  private static final Setting<Boolean> JOINT =
      KEYS.add(Setting.flag(new SettingSpec("joint", "false", "joint training")));
  private static final Setting<List<Integer>> HIDDEN =
      KEYS.add(Setting.integers(new SettingSpec("hidden", "8,4", "widths").sizes()));

  @Test
  void readingASettingGivesItsTypedValue() {
    Settings settings = settings(Map.of("dim", "32", "drop", "0.5", "pooling", "normalized_sum",
        "joint", "true", "hidden", "16, 2"));
    assertThat(DIM.read("mf", settings)).isEqualTo(32);
    assertThat(DROP.read("mf", settings)).isEqualTo(0.5);
    assertThat(POOLING.read("mf", settings)).isEqualTo(Pooling.NORMALIZED_SUM);
    assertThat(JOINT.read("mf", settings)).isTrue();
    assertThat(HIDDEN.read("mf", settings)).containsExactly(16, 2);
  }

  @Test
  void aValueOutsideTheRuleNamesTheKeyWhatItExpectsAndTheValue() {
    assertThatThrownBy(() -> DIM.read("mf", settings(Map.of("dim", "0"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("mf.dim: expected a positive integer, got 0");
    assertThatThrownBy(() -> DROP.read("mf", settings(Map.of("drop", "1"))))
        .hasMessage("mf.drop: expected a value in [0, 1), got 1.0");
    assertThatThrownBy(() -> POOLING.read("mf", settings(Map.of("pooling", "max"))))
        .hasMessage("mf.pooling: expected one of mean, normalized_sum, sum, got 'max'");
    assertThatThrownBy(() -> DIM.read("", settings(Map.of("dim", "-1"))))
        .hasMessage("dim: expected a positive integer, got -1");
  }

  @Test
  void aChoiceAcceptsExactlyItsEnumsConstantsInLowerCaseInDeclarationOrder() {
    assertThat(POOLING.spec().rule().describe())
        .isEqualTo("must be one of mean, normalized_sum, sum");
    assertThatThrownBy(() -> Setting.choice(new SettingSpec("pooling", "max", "pooling"),
        Pooling.class))
        .hasMessage("pooling: the default 'max' must be one of mean, normalized_sum, sum");
  }

  @Test
  void aSettingSetListsItsSpecsInDeclarationOrderAndRefusesAKeyTwice() {
    assertThat(KEYS.specs()).extracting(SettingSpec::key)
        .containsExactly("dim", "drop", "pooling", "joint", "hidden");
    assertThat(KEYS.specs().get(3).rule().describe()).isEqualTo("must be one of true, false");
    assertThatThrownBy(() -> new SettingSet().addAll(KEYS).add(DIM))
        .hasMessage("setting 'dim' declared twice");
  }

  @Test
  void rangesWithAnInfiniteEndSayWhatTheyExpect() {
    assertThat(ValueRule.number(Double.NEGATIVE_INFINITY, false, 0, true).expected())
        .isEqualTo("a finite value < 0");
    assertThat(ValueRule.number(Double.NEGATIVE_INFINITY, false, 0, true).describe())
        .isEqualTo("must be a number < 0");
    assertThat(ValueRule.number(1, true, Double.POSITIVE_INFINITY).problem("Infinity"))
        .isPresent();
  }

  /** Settings over a map with the specs' defaults under it; numbers parsed as Java does. */
  private static Settings settings(Map<String, String> values) {
    Map<String, String> all = new java.util.HashMap<>();
    KEYS.specs().forEach(s -> all.put(s.key(), s.defaultValue()));
    all.putAll(values);
    return new Settings() {
      @Override
      public String getString(String key) {
        return all.get(key).trim();
      }

      @Override
      public int getInt(String key) {
        return Integer.parseInt(getString(key));
      }

      @Override
      public long getLong(String key) {
        return Long.parseLong(getString(key));
      }

      @Override
      public double getDouble(String key) {
        return Double.parseDouble(getString(key));
      }

      @Override
      public boolean getBoolean(String key) {
        return Boolean.parseBoolean(getString(key));
      }

      @Override
      public List<Integer> getIntList(String key) {
        return Arrays.stream(getString(key).split(",")).map(String::trim).map(Integer::valueOf)
            .toList();
      }

      @Override
      public boolean contains(String key) {
        return all.containsKey(key);
      }

      @Override
      public Settings scope(String prefix) {
        throw new UnsupportedOperationException();
      }
    };
  }
}
