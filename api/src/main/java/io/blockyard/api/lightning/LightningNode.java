package io.blockyard.api.lightning;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One Lightning node with its wallet, bound to a chain backend. */
@Group(BitcoinNetwork.GROUP)
@Version(BitcoinNetwork.VERSION)
@ShortNames("lnnode")
@Categories("blockyard")
@ValidationRule(value = "size(self.metadata.name) <= " + LightningNode.MAX_NAME_LENGTH,
    message = "metadata.name must be at most " + LightningNode.MAX_NAME_LENGTH + " characters, so that the names "
        + "of the node's pod, Service and Secrets stay valid: choose a shorter name")
@ValidationRule(value = "self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')",
    message = "metadata.name must be a DNS-1035 label (lower-case letters, digits and '-', starting with a letter and "
        + "ending with a letter or digit), because the node's Service is named after it: choose such a name")
@AdditionalPrinterColumn(name = "Network", jsonPath = ".spec.network", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Height", jsonPath = ".status.blockHeight",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Channels", jsonPath = ".status.activeChannels",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Pubkey", jsonPath = ".status.identityPubkey",
    type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class LightningNode extends CustomResource<LightningNodeSpec, LightningNodeStatus> implements Namespaced {
  /** The pod is "<name>-lnd-0" and Secrets get suffixes up to 15 characters. */
  public static final int MAX_NAME_LENGTH = 40;

  @Override
  protected LightningNodeSpec initSpec() {
    return new LightningNodeSpec();
  }

  @Override
  protected LightningNodeStatus initStatus() {
    return new LightningNodeStatus();
  }
}
