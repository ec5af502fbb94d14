package org.ddrm.eval.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.ddrm.core.config.ConfigException;
import org.junit.jupiter.api.Test;

/** Search ranges: the four forms, their mapping onto the unit interval, and bad ranges. */
class SearchRangeTest {
  private static final Path FILE = Path.of("s.properties");

  private static SearchRange parse(String text) {
    return SearchRange.parse(FILE, "search.range.k", text);
  }

  @Test
  void logUniformSpreadsOverDecadesAndKeepsFourSignificantDigits() {
    SearchRange lr = parse("loguniform(1e-4, 1e-2)");
    assertThat(lr).isEqualTo(new SearchRange.LogUniform(1e-4, 1e-2));
    assertThat(lr.value(0)).isEqualTo("0.0001");
    assertThat(lr.value(0.5)).isEqualTo("0.001");
    assertThat(lr.value(0.123456)).isEqualTo("0.0001766");
    assertThat(lr.unit("0.001")).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void uniformIntAndChoiceMapSlicesOfTheUnitInterval() {
    assertThat(parse("uniform(0, 2)").value(0.25)).isEqualTo("0.5");
    SearchRange steps = parse("int(5, 8)");
    assertThat(List.of(steps.value(0), steps.value(0.26), steps.value(0.99)))
        .containsExactly("5", "6", "8");
    assertThat(steps.unit("6")).isEqualTo(0.375);
    SearchRange kind = parse("choice(adam, lazy_adam)");
    assertThat(kind.categorical()).isTrue();
    assertThat(List.of(kind.value(0.1), kind.value(0.7))).containsExactly("adam", "lazy_adam");
    assertThat(kind.unit("lazy_adam")).isEqualTo(0.75);
    assertThat(kind.describe()).isEqualTo("choice(adam, lazy_adam)");
  }

  @Test
  void badRangesNameTheFileKeyAndTheForms() {
    assertThatThrownBy(() -> parse("0.001"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("s.properties: search.range.k = '0.001' is not a range; write uniform(LO, HI),"
            + " loguniform(LO, HI), int(LO, HI) or choice(A, B, ...)");
    assertThatThrownBy(() -> parse("loguniform(0, 1)"))
        .hasMessageContaining("needs LO < HI and LO > 0");
    assertThatThrownBy(() -> parse("uniform(1)")).hasMessageContaining("takes two bounds");
    assertThatThrownBy(() -> parse("int(1.5, 3)")).hasMessageContaining("(whole numbers)");
    assertThatThrownBy(() -> parse("normal(0, 1)")).hasMessageContaining("unknown range 'normal'");
    assertThatThrownBy(() -> parse("choice()")).hasMessageContaining("names no value");
  }
}
