package io.blockyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.rpc.lnd.Channel;
import io.blockyard.rpc.lnd.ChannelPoint;
import io.blockyard.rpc.lnd.ClosedChannel;
import io.blockyard.rpc.lnd.PendingChannel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelTableTest {
  static final String BOB = "03" + "b".repeat(64);
  static final String CAROL = "02" + "c".repeat(64);
  static final ChannelPoint OPEN = new ChannelPoint("a".repeat(64), 0);
  static final ChannelPoint OPENING = new ChannelPoint("d".repeat(64), 1);
  static final ChannelPoint CLOSED = new ChannelPoint("e".repeat(64), 0);
  static final String CLOSING_TX = "f".repeat(64);

  @Test
  void showsEachSectionWithItsColumnsAndNamesKnownPeers() {
    String table = ChannelTable.render(
        List.of(new Channel(OPEN, BOB, true, 1_000_000, 989_000, 10_000, false, "123456789")),
        List.of(new PendingChannel(PendingChannel.Stage.PENDING_OPEN, OPENING, CAROL, 500_000, 496_000, "")),
        List.of(new ClosedChannel(CLOSED, BOB, "42", CLOSING_TX, 200_000, 199_000, "COOPERATIVE_CLOSE")),
        Map.of(BOB, "bob"));

    assertThat(table.lines().toList()).containsExactly(
        "Open channels: 1",
        "CHANNEL POINT" + " ".repeat(55) + "PEER  PUBKEY        ACTIVE  CAPACITY  LOCAL   REMOTE  PRIVATE",
        OPEN + "  bob   03bbbbbbbbbb  yes     1000000   989000  10000   no",
        "",
        "Pending channels: 1",
        "CHANNEL POINT" + " ".repeat(55) + "PEER  PUBKEY        STAGE         CAPACITY  LOCAL   CLOSING TX",
        OPENING + "  -     02cccccccccc  pending-open  500000    496000  -",
        "",
        "Closed channels: 1",
        "CHANNEL POINT" + " ".repeat(55) + "PEER  PUBKEY        CLOSE TYPE         CAPACITY  SETTLED  CLOSING TX",
        CLOSED + "  bob   03bbbbbbbbbb  cooperative-close  200000    199000   " + CLOSING_TX);
  }

  @Test
  void saysNoneForEmptySections() {
    assertThat(ChannelTable.render(List.of(), List.of(), List.of(), Map.of()).lines().toList())
        .containsExactly("Open channels: none", "", "Pending channels: none", "", "Closed channels: none");
  }

  @Test
  void columnsWidenForTheLongestValue() {
    String table = ChannelTable.render(List.of(
        new Channel(OPEN, BOB, false, 16_777_215, 1, 16_000_000, true, "1"),
        new Channel(new ChannelPoint("a".repeat(64), 12), CAROL, true, 20_000, 0, 20_000, false, "2")),
        List.of(), List.of(), Map.of(BOB, "a-long-node-name", CAROL, "carol"));

    List<String> lines = table.lines().toList();
    assertThat(lines.get(2)).isEqualTo(OPEN + "   a-long-node-name  03bbbbbbbbbb  no      16777215  1      16000000  yes");
    assertThat(lines.get(3)).isEqualTo("a".repeat(64) + ":12  carol             02cccccccccc  yes     20000     0"
        + "      20000     no");
  }

  @Test
  void lndEnumNamesReadAsKubectlStates() {
    assertThat(ChannelTable.words("LOCAL_FORCE_CLOSE")).isEqualTo("local-force-close");
    assertThat(ChannelTable.words(PendingChannel.Stage.PENDING_FORCE_CLOSE.name())).isEqualTo("pending-force-close");
    assertThat(ChannelTable.words("")).isEqualTo("-");
  }
}
