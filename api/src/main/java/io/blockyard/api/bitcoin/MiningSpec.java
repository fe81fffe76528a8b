package io.blockyard.api.bitcoin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Mining for test chains (regtest, simnet). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MiningSpec {
  /** The most blocks mined at start (documented in docs/crd-reference.md): more takes minutes of RPC. */
  public static final int MAX_INITIAL_BLOCKS = 5000;

  @Min(0)
  @Max(MAX_INITIAL_BLOCKS)
  @JsonPropertyDescription("Blocks to mine once, after the network is first ready (101 makes the first coinbase "
      + "spendable; at most 5000).")
  private Integer initialBlocks;

  @Pattern("^([1-9][0-9]{0,5}(ms|s|m|h))+$")
  @JsonPropertyDescription("Mine one block every interval, e.g. 30s or 5m. Absent: no timed mining.")
  private String interval;

  public Integer getInitialBlocks() {
    return initialBlocks;
  }

  public void setInitialBlocks(Integer initialBlocks) {
    this.initialBlocks = initialBlocks;
  }

  public String getInterval() {
    return interval;
  }

  public void setInterval(String interval) {
    this.interval = interval;
  }
}
