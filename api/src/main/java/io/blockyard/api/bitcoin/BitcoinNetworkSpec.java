package io.blockyard.api.bitcoin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.ArrayList;
import java.util.List;

/** N full nodes of one implementation on one chain, peered with each other. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.mining) || self.chain == 'regtest' || self.chain == 'simnet'",
    message = "spec.mining is only possible on chains that mine on demand: set spec.chain to regtest or simnet, "
        + "or remove spec.mining")
@ValidationRule(value = "!(self.implementation == 'bitcoind' && has(self.rpc) && has(self.rpc.tlsSecret))",
    message = "spec.rpc.tlsSecret works with btcd only: Bitcoin Core serves its RPC over plain HTTP; remove "
        + "spec.rpc.tlsSecret, or put a TLS proxy in front of the nodes")
@ValidationRule(value = "self.chain == 'regtest' || self.chain == 'simnet' || has(self.storage)",
    message = "spec.storage is required on signet, testnet and mainnet: a node without a volume loses the chain (and "
        + "days of sync) with its pod; set spec.storage.size, e.g. 600Gi for mainnet")
@ValidationRule(value = "has(self.storage) == has(oldSelf.storage) && (!has(self.storage) || self.storage == oldSelf.storage)",
    message = "spec.storage cannot change on an existing network (a StatefulSet's volume claims are fixed): to grow "
        + "the volumes, expand the PersistentVolumeClaims data-<network>-<ordinal> if their StorageClass allows it; "
        + "otherwise create a new network")
@ValidationRule(value = "!(self.chain == 'simnet' && self.implementation == 'bitcoind')",
    message = "simnet is a btcd-only chain: set spec.implementation to btcd, or spec.chain to regtest")
public class BitcoinNetworkSpec {
  /**
   * host:port with a host name, an IPv4 address or a bracketed IPv6 address. Kept short, with at most 4 peers,
   * because the API server bounds the estimated cost of CEL rules (regex length times list size).
   */
  public static final String PEER_PATTERN = "^(\\[[0-9a-fA-F:.]+\\]|[^:\\[\\]]+):([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}"
      + "|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$";
  /** The most nodes one network may have (documented in docs/crd-reference.md). */
  public static final int MAX_REPLICAS = 100;
  /**
   * Flags the operator sets itself, by the spec field to use instead. A flag of either program's dialect (-x or --x)
   * with or without a value is matched.
   */
  static final String OWNED_CREDENTIAL_FLAGS = "rpcuser|rpcpass|rpcpassword|rpcauth|u|P|rpccert|rpckey|notls";
  static final String OWNED_CHAIN_FLAGS = "regtest|simnet|testnet|testnet3|testnet4|signet|chain|miningaddr";
  static final String OWNED_PEER_FLAGS = "addpeer|connect|addnode|a";
  static final String OWNED_FILE_FLAGS = "configfile|C|conf|datadir|b|logdir|includeconf|rpclisten|listen|rpcbind"
      + "|rpcallowip|rpcport|port|bind|zmqpubrawblock|zmqpubrawtx";

  @SpecReplicas
  @Min(0)
  @Max(MAX_REPLICAS)
  @Default("1")
  @JsonPropertyDescription("Number of nodes (at most 100).")
  private Integer replicas = 1;

  @Default("btcd")
  @ValidationRule(value = "self == oldSelf", message = "spec.implementation cannot change on an existing network "
      + "(its nodes' data and the Lightning nodes bound to it belong to one implementation): create a new network")
  @JsonPropertyDescription("Node software: btcd, or bitcoind (Bitcoin Core's RPC dialect).")
  private Implementation implementation = Implementation.BTCD;

  @Default("regtest")
  @ValidationRule(value = "self == oldSelf", message = "spec.chain cannot change on an existing network (wallets "
      + "and channels of one chain must never meet another): create a new network for the other chain")
  @JsonPropertyDescription("Chain: regtest, simnet (btcd only), signet, testnet or mainnet.")
  private Chain chain = Chain.REGTEST;

  @JsonPropertyDescription("Container image; absent means the operator's default for the implementation.")
  private String image;

  @JsonPropertyDescription("RPC credentials and TLS.")
  private RpcSpec rpc;

  @JsonPropertyDescription("Persistent storage per node; absent means ephemeral (data is lost with the pod).")
  private StorageSpec storage;

  @JsonPropertyDescription("Compute resources of each node's container.")
  private ResourceRequirements resources;

  @Size(max = 4)
  @ValidationRule(value = "self.all(p, p.matches(r'" + PEER_PATTERN + "'))",
      message = "each entry of spec.peers must be host:port with a port from 1 to 65535 and an IPv6 address in "
          + "brackets, e.g. node1.example.com:8333, 192.0.2.7:18444 or [2001:db8::7]:8333")
  @JsonPropertyDescription("Up to 4 external peers every node connects to, as host:port (node1.example.com:8333, "
      + "192.0.2.7:18444 or [2001:db8::7]:8333).")
  private List<@Size(max = 261) String> peers = new ArrayList<>();

  @JsonPropertyDescription("Mining on regtest and simnet.")
  private MiningSpec mining;

  @Size(max = 32)
  @ValidationRule(value = "self.all(a, !a.matches(r'^--?(" + OWNED_CREDENTIAL_FLAGS + ")(=|$)'))",
      message = "spec.extraArgs must not set the RPC credentials or TLS (the operator owns rpcuser, rpcpass, "
          + "rpcpassword, rpcauth, rpccert, rpckey and notls): use spec.rpc.credentialsSecret and spec.rpc.tlsSecret")
  @ValidationRule(value = "self.all(a, !a.matches(r'^--?(" + OWNED_CHAIN_FLAGS + ")(=|$)'))",
      message = "spec.extraArgs must not choose the chain or the mining address (the operator owns regtest, simnet, "
          + "testnet, signet, chain and miningaddr): use spec.chain and spec.mining")
  @ValidationRule(value = "self.all(a, !a.matches(r'^--?(" + OWNED_PEER_FLAGS + ")(=|$)'))",
      message = "spec.extraArgs must not add peers (the operator owns addpeer, connect and addnode): use spec.peers")
  @ValidationRule(value = "self.all(a, !a.matches(r'^--?(" + OWNED_FILE_FLAGS + ")(=|$)'))",
      message = "spec.extraArgs must not move the configuration, data directory or listeners (the operator owns "
          + "configfile, conf, datadir, logdir, includeconf, rpclisten, listen, rpcbind, rpcallowip, rpcport, port, "
          + "bind and the zmq flags): use spec.storage for the data, and the client Service for "
          + "RPC")
  @JsonPropertyDescription("Extra command-line arguments for every node (at most 32). Flags the operator sets "
      + "itself are refused, with the spec field to use instead.")
  private List<@Size(max = 256) String> extraArgs = new ArrayList<>();

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Implementation getImplementation() {
    return implementation;
  }

  public void setImplementation(Implementation implementation) {
    this.implementation = implementation;
  }

  public Chain getChain() {
    return chain;
  }

  public void setChain(Chain chain) {
    this.chain = chain;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public RpcSpec getRpc() {
    return rpc;
  }

  public void setRpc(RpcSpec rpc) {
    this.rpc = rpc;
  }

  public StorageSpec getStorage() {
    return storage;
  }

  public void setStorage(StorageSpec storage) {
    this.storage = storage;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public List<String> getPeers() {
    return peers;
  }

  public void setPeers(List<String> peers) {
    this.peers = peers;
  }

  public MiningSpec getMining() {
    return mining;
  }

  public void setMining(MiningSpec mining) {
    this.mining = mining;
  }

  public List<String> getExtraArgs() {
    return extraArgs;
  }

  public void setExtraArgs(List<String> extraArgs) {
    this.extraArgs = extraArgs;
  }
}
