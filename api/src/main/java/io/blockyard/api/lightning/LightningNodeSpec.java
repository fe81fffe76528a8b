package io.blockyard.api.lightning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.blockyard.api.bitcoin.StorageSpec;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;

/** One Lightning node, bound to a BitcoinNetwork of this namespace or to an external Bitcoin RPC endpoint. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.network) != has(self.externalBackend)",
    message = "set exactly one of spec.network (the name of a BitcoinNetwork in this namespace) and "
        + "spec.externalBackend (a Bitcoin node outside Blockyard)")
public class LightningNodeSpec {
  @Default("lnd")
  @JsonPropertyDescription("Lightning implementation: lnd.")
  private LightningImplementation implementation = LightningImplementation.LND;

  @JsonPropertyDescription("The BitcoinNetwork (same namespace) whose nodes are the chain backend. Set this or "
      + "externalBackend.")
  private String network;

  @JsonPropertyDescription("A Bitcoin node outside Blockyard as the chain backend. Set this or network.")
  private ExternalBackendSpec externalBackend;

  @JsonPropertyDescription("Container image; absent means the operator's default for the implementation.")
  private String image;

  @JsonPropertyDescription("Persistent storage for the node's wallet and channel state; absent means ephemeral "
      + "(use it for throw-away test networks only: the channel state is lost with the pod).")
  private StorageSpec storage;

  @JsonPropertyDescription("Compute resources of the node's container.")
  private ResourceRequirements resources;

  @Size(max = 32)
  @JsonPropertyDescription("Alias announced to the network (at most 32 characters); absent means the resource's "
      + "name.")
  private String alias;

  @Pattern("^#[0-9a-fA-F]{6}$")
  @JsonPropertyDescription("Color announced to the network, as #rrggbb.")
  private String color;

  @JsonPropertyDescription("Where the wallet's seed and password live.")
  private WalletSpec wallet;

  @JsonPropertyDescription("Extra command-line arguments for lnd.")
  private List<String> extraArgs = new ArrayList<>();

  public LightningImplementation getImplementation() {
    return implementation;
  }

  public void setImplementation(LightningImplementation implementation) {
    this.implementation = implementation;
  }

  public String getNetwork() {
    return network;
  }

  public void setNetwork(String network) {
    this.network = network;
  }

  public ExternalBackendSpec getExternalBackend() {
    return externalBackend;
  }

  public void setExternalBackend(ExternalBackendSpec externalBackend) {
    this.externalBackend = externalBackend;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
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

  public String getAlias() {
    return alias;
  }

  public void setAlias(String alias) {
    this.alias = alias;
  }

  public String getColor() {
    return color;
  }

  public void setColor(String color) {
    this.color = color;
  }

  public WalletSpec getWallet() {
    return wallet;
  }

  public void setWallet(WalletSpec wallet) {
    this.wallet = wallet;
  }

  public List<String> getExtraArgs() {
    return extraArgs;
  }

  public void setExtraArgs(List<String> extraArgs) {
    this.extraArgs = extraArgs;
  }
}
