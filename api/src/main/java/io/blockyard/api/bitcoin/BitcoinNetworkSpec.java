package io.blockyard.api.bitcoin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
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
@ValidationRule(value = "!(self.chain == 'simnet' && self.implementation == 'bitcoind')",
    message = "simnet is a btcd-only chain: set spec.implementation to btcd, or spec.chain to regtest")
public class BitcoinNetworkSpec {
  /**
   * host:port with a host name, an IPv4 address or a bracketed IPv6 address. Kept short, with at most 4 peers,
   * because the API server bounds the estimated cost of CEL rules (regex length times list size).
   */
  public static final String PEER_PATTERN = "^(\\[[^\\]]+\\]|[^:]+):[0-9]+$";

  @SpecReplicas
  @Min(0)
  @Default("1")
  @JsonPropertyDescription("Number of nodes.")
  private Integer replicas = 1;

  @Default("btcd")
  @JsonPropertyDescription("Node software: btcd, or bitcoind (Bitcoin Core's RPC dialect).")
  private Implementation implementation = Implementation.BTCD;

  @Default("regtest")
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
      message = "each entry of spec.peers must be host:port, e.g. node1.example.com:8333, 192.0.2.7:18444 or "
          + "[2001:db8::7]:8333")
  @JsonPropertyDescription("Up to 4 external peers every node connects to, as host:port (node1.example.com:8333, "
      + "192.0.2.7:18444 or [2001:db8::7]:8333).")
  private List<String> peers = new ArrayList<>();

  @JsonPropertyDescription("Mining on regtest and simnet.")
  private MiningSpec mining;

  @JsonPropertyDescription("Extra command-line arguments for every node.")
  private List<String> extraArgs = new ArrayList<>();

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
