package io.blockyard.operator.lightning;

import static org.assertj.core.api.Assertions.assertThat;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.blockyard.api.bitcoin.BitcoinNetworkSpec;
import io.blockyard.api.bitcoin.Chain;
import io.blockyard.api.bitcoin.MiningSpec;
import io.blockyard.api.lightning.ChannelConditionReason;
import io.blockyard.api.lightning.ChannelState;
import io.blockyard.operator.Conditions;
import io.blockyard.operator.lightning.ChannelConditions.Announcement;
import io.blockyard.operator.lightning.ChannelConditions.Miner;
import io.blockyard.operator.lightning.ChannelConditions.MinerKind;
import io.blockyard.operator.lightning.ChannelConditions.Seen;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChannelConditionsTest {
  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  static final Miner OPERATOR = new Miner(MinerKind.OPERATOR, "chain", null);

  static Seen open(boolean active) {
    return new Seen(ChannelState.OPEN, active, true, false, "alice", "bob", Optional.empty(), OPERATOR, null, null);
  }

  static Condition condition(List<Condition> conditions, String type) {
    return Conditions.find(conditions, type).orElseThrow();
  }

  static List<Condition> of(Seen seen) {
    return ChannelConditions.of(seen, List.of(), 1, NOW);
  }

  @Test
  void anOpenChannelIsReadyOnlyWhileLndReportsItActive() {
    assertThat(condition(of(open(true)), "Ready")).satisfies(c -> {
      assertThat(c.getStatus()).isEqualTo("True");
      assertThat(c.getReason()).isEqualTo("ChannelActive");
    });
    assertThat(condition(of(open(false)), "Ready")).satisfies(c -> {
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo("PeerOffline");
      assertThat(c.getMessage()).contains("bob is offline or reconnecting");
    });
  }

  @Test
  void aChannelThatCouldNotBeObservedIsNotReady() {
    Seen unseen = new Seen(ChannelState.OPEN, true, false, false, "alice", "bob", Optional.empty(), OPERATOR,
        ChannelConditionReason.NODE_NOT_READY, "LightningNode alice is not reachable yet");
    Condition ready = condition(of(unseen), "Ready");
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("NodeNotReady");
    assertThat(ready.getMessage()).isEqualTo("LightningNode alice is not reachable yet");
  }

  @Test
  void aChannelWhosePeerResourceIsGoneIsNotReadyEvenWhileLndStillCallsItActive() {
    Seen gone = new Seen(ChannelState.OPEN, true, true, false, "alice", "carol", Optional.empty(), OPERATOR,
        ChannelConditionReason.NODE_NOT_FOUND, "LightningNode \"carol\" (spec.to.node) does not exist in namespace x");
    List<Condition> conditions = of(gone);
    assertThat(condition(conditions, "Blocked").getStatus()).isEqualTo("True");
    assertThat(condition(conditions, "Blocked").getReason()).isEqualTo("NodeNotFound");
    assertThat(condition(conditions, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(conditions, "Ready").getReason()).isEqualTo("NodeNotFound");
  }

  @Test
  void beforeItOpensABlockedChannelsReadySaysItsStateAndBlockedSaysWhy() {
    Seen funding = new Seen(ChannelState.PENDING, false, false, false, "alice", "bob", Optional.empty(), OPERATOR,
        ChannelConditionReason.FUNDING, "mined 1 block(s) to the wallet of LightningNode alice");
    assertThat(condition(of(funding), "Ready").getReason()).isEqualTo("Pending");
    assertThat(condition(of(funding), "Blocked").getReason()).isEqualTo("Funding");
  }

  @Test
  void confirmationsComeFromTheShortChannelIdsBlockHeight() {
    long scid = (300L << 40) | (1L << 16);
    assertThat(ChannelConditions.confirmations(Long.toUnsignedString(scid), 300)).isEqualTo(1);
    assertThat(ChannelConditions.confirmations(Long.toUnsignedString(scid), 305)).isEqualTo(6);
    assertThat(ChannelConditions.confirmations("0", 305)).isZero();
  }

  static Seen announcing(Announcement a, Miner miner) {
    return new Seen(ChannelState.OPEN, true, true, false, "alice", "bob", Optional.of(a), miner, null, null);
  }

  @Test
  void aShallowPublicChannelSaysHowManyConfirmationsAreMissingAndWhoMinesThem() {
    Announcement shallow = new Announcement(2, false, false, null);
    Condition operator = condition(of(announcing(shallow, OPERATOR)), "Routable");
    assertThat(operator.getStatus()).isEqualTo("False");
    assertThat(operator.getReason()).isEqualTo("AwaitingConfirmations");
    assertThat(operator.getMessage()).contains("2 of the 6 confirmations").contains("the operator mines 4 more blocks");

    assertThat(condition(of(announcing(shallow, new Miner(MinerKind.USER, "chain", null))), "Routable")
        .getMessage()).contains("4 more blocks needed, and nothing mines on BitcoinNetwork chain")
        .contains("kubectl blockyard mine chain 4").contains("spec.fund: true");
    assertThat(condition(of(announcing(shallow, new Miner(MinerKind.NETWORK_INTERVAL, "chain", "30s"))), "Routable")
        .getMessage()).contains("BitcoinNetwork chain mines one block every 30s, 4 more blocks to go");
    assertThat(condition(of(announcing(shallow, new Miner(MinerKind.CHAIN, null, null))), "Routable")
        .getMessage()).contains("the operator does not mine on this chain, so its miners must provide them");
  }

  @Test
  void aDeepChannelIsRoutableOnceItIsInBothPeersGraphs() {
    Condition waiting = condition(of(announcing(new Announcement(6, true, false, null), OPERATOR)), "Routable");
    assertThat(waiting.getStatus()).isEqualTo("False");
    assertThat(waiting.getReason()).isEqualTo("AwaitingAnnouncement");
    assertThat(waiting.getMessage()).contains("in alice's graph: yes, in bob's graph: no");

    Condition routable = condition(of(announcing(new Announcement(7, true, true, null), OPERATOR)), "Routable");
    assertThat(routable.getStatus()).isEqualTo("True");
    assertThat(routable.getReason()).isEqualTo("InBothGraphs");
    assertThat(routable.getMessage()).contains("both alice and bob");
  }

  @Test
  void aRoutableChannelStaysRoutableWhileOpenAndStopsWhenItCloses() {
    List<Condition> routable = of(announcing(new Announcement(7, true, true, null), OPERATOR));
    Condition kept = condition(ChannelConditions.of(open(true), routable, 1, NOW.plusSeconds(60)), "Routable");
    assertThat(kept.getStatus()).isEqualTo("True");
    assertThat(kept.getLastTransitionTime()).isEqualTo(NOW.toString());
    Seen closing = new Seen(ChannelState.CLOSING, false, true, false, "alice", "bob", Optional.empty(), OPERATOR,
        null, null);
    assertThat(condition(ChannelConditions.of(closing, routable, 1, NOW), "Routable").getStatus()).isEqualTo("False");
  }

  @Test
  void aPrivateChannelIsNeverRoutableAndSaysHowToPayAcrossIt() {
    Seen privateChannel = new Seen(ChannelState.OPEN, true, true, true, "bob", "carol", Optional.empty(), OPERATOR,
        null, null);
    Condition routable = condition(of(privateChannel), "Routable");
    assertThat(routable.getStatus()).isEqualTo("False");
    assertThat(routable.getReason()).isEqualTo("PrivateChannel");
    assertThat(routable.getMessage()).contains("kubectl blockyard invoice carol <sat> --private");
    assertThat(condition(of(privateChannel), "Ready").getStatus()).isEqualTo("True");
  }

  static BitcoinNetwork network(Chain chain, String interval) {
    BitcoinNetwork network = new BitcoinNetwork();
    network.setMetadata(new ObjectMetaBuilder().withName("chain").build());
    BitcoinNetworkSpec spec = new BitcoinNetworkSpec();
    spec.setChain(chain);
    if (interval != null) {
      MiningSpec mining = new MiningSpec();
      mining.setInterval(interval);
      spec.setMining(mining);
    }
    network.setSpec(spec);
    return network;
  }

  @Test
  void theOperatorMinesOnlyWithFundOnATestChain() {
    assertThat(Miner.of(true, Optional.of(network(Chain.REGTEST, null))).kind()).isEqualTo(MinerKind.OPERATOR);
    assertThat(Miner.of(false, Optional.of(network(Chain.REGTEST, "30s"))))
        .isEqualTo(new Miner(MinerKind.NETWORK_INTERVAL, "chain", "30s"));
    assertThat(Miner.of(false, Optional.of(network(Chain.SIMNET, null))).kind()).isEqualTo(MinerKind.USER);
    assertThat(Miner.of(true, Optional.of(network(Chain.SIGNET, null))).kind()).isEqualTo(MinerKind.CHAIN);
    assertThat(Miner.of(true, Optional.empty()).kind()).isEqualTo(MinerKind.CHAIN);
  }

  @Test
  void aPassThatDidNotLookKeepsTheLastWord() {
    List<Condition> awaiting = of(announcing(new Announcement(6, true, false, null), OPERATOR));
    Condition kept = condition(ChannelConditions.of(open(true), awaiting, 1, NOW.plusSeconds(3)), "Routable");
    assertThat(kept).isEqualTo(condition(awaiting, "Routable"));
    assertThat(condition(of(open(true)), "Routable").getReason()).isEqualTo("NotObserved");
  }

  @Test
  void peersGraphsAreReadEveryPassOnATestChainAndAtMostEvery30SecondsElsewhere() {
    var reads = new GraphReads(java.time.Duration.ofSeconds(30));
    assertThat(reads.due("a", false, NOW)).isTrue();
    assertThat(reads.due("a", false, NOW.plusSeconds(3))).isFalse();
    assertThat(reads.due("a", false, NOW.plusSeconds(31))).isTrue();
    assertThat(reads.due("b", true, NOW)).isTrue();
    assertThat(reads.due("b", true, NOW.plusSeconds(3))).isTrue();
  }
}
