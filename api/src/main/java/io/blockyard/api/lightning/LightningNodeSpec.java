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
@ValidationRule(value = "!has(oldSelf.network) || (has(self.network) && self.network == oldSelf.network)",
    message = "spec.network cannot change once set (the wallet and channels belong to that network's chain): "
        + "create a new LightningNode")
@ValidationRule(value = "!has(oldSelf.externalBackend) || (has(self.externalBackend) "
    + "&& self.externalBackend == oldSelf.externalBackend)",
    message = "spec.externalBackend cannot change once set (the wallet and channels belong to that backend's chain): "
        + "create a new LightningNode")
@ValidationRule(value = "has(self.wallet) == has(oldSelf.wallet) && (!has(self.wallet) || self.wallet == oldSelf.wallet)",
    message = "spec.wallet cannot change on an existing node (the wallet was made from those Secrets): create a new "
        + "LightningNode that names the Secrets, which restores the wallet from the seed")
@ValidationRule(value = "has(self.storage) == has(oldSelf.storage) && (!has(self.storage) || self.storage == oldSelf.storage)",
    message = "spec.storage cannot change on an existing node (a StatefulSet's volume claims are fixed): to grow the "
        + "volume, expand the PersistentVolumeClaim data-<name>-lnd-0 if its StorageClass allows it")
@ValidationRule(value = "!has(self.externalBackend) || self.externalBackend.chain == 'regtest' "
    + "|| self.externalBackend.chain == 'simnet' || has(self.storage)",
    message = "spec.storage is required on signet, testnet and mainnet: without a volume the channel state is lost "
        + "with the pod, and with it the funds in channels; set spec.storage.size, e.g. 10Gi")
public class LightningNodeSpec {
  /** lnd flags the operator sets itself (see the rules on extraArgs for the fields to use instead). */
  static final String OWNED_BACKEND_FLAGS = "(bitcoin|btcd|bitcoind)\\..*|noseedbackup";
  static final String OWNED_WALLET_FLAGS = "wallet-unlock-password-file|wallet-unlock-allow-create";
  static final String OWNED_FILE_FLAGS = "configfile|lnddir|datadir|logdir|letsencryptdir|tlscertpath|tlskeypath"
      + "|rpclisten|restlisten|listen|alias|color";

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

  @Size(max = 32)
  @ValidationRule(value = "self.all(a, !a.matches(r'^--?(" + OWNED_BACKEND_FLAGS + ")(=|$)'))",
      message = "spec.extraArgs must not set the chain backend (the operator owns the bitcoin.*, btcd.* and "
          + "bitcoind.* flags, and noseedbackup): use spec.network or spec.externalBackend")
  @ValidationRule(value = "self.all(a, !a.matches(r'^--?(" + OWNED_WALLET_FLAGS + ")(=|$)'))",
      message = "spec.extraArgs must not set how the wallet unlocks (the operator owns wallet-unlock-password-file "
          + "and wallet-unlock-allow-create): use spec.wallet.passwordSecret")
  @ValidationRule(value = "self.all(a, !a.matches(r'^--?(" + OWNED_FILE_FLAGS + ")(=|$)'))",
      message = "spec.extraArgs must not move lnd's files or listeners, nor set its alias or color (the operator "
          + "owns configfile, lnddir, datadir, logdir, tlscertpath, tlskeypath, rpclisten, restlisten, listen, alias "
          + "and color): use spec.storage, spec.alias and spec.color")
  @JsonPropertyDescription("Extra command-line arguments for lnd (at most 32). Flags the operator sets itself are "
      + "refused, with the spec field to use instead.")
  private List<@Size(max = 256) String> extraArgs = new ArrayList<>();

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
