package io.blockyard.operator.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MiningIntervalTest {
  @ParameterizedTest
  @CsvSource({
      "30s,   PT30S",
      "5m,    PT5M",
      "1h30m, PT1H30M",
      "500ms, PT0.5S",
      "1m30s, PT1M30S",
      "2h,    PT2H",
      "1s500ms, PT1.5S"})
  void parsesDurations(String text, Duration expected) {
    assertThat(MiningInterval.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "", "5", "0s", "5x", "s5", "-5s", "5s ", " 5s", "5m5", "1.5s", "5sec"})
  void rejectsWhatIsNotADurationNamingTheValue(String text) {
    assertThatThrownBy(() -> MiningInterval.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'");
  }
}
