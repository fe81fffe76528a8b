package io.blockyard.api.bitcoin;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A meshed, observable network of Bitcoin full nodes. */
@Group(BitcoinNetwork.GROUP)
@Version(BitcoinNetwork.VERSION)
@ShortNames("btcnet")
@Categories("blockyard")
@ValidationRule(value = "size(self.metadata.name) <= " + BitcoinNetwork.MAX_NAME_LENGTH,
    message = "metadata.name must be at most " + BitcoinNetwork.MAX_NAME_LENGTH + " characters, so that the names "
        + "of the network's pods, Services and Secrets stay valid: choose a shorter name")
@ValidationRule(value = "self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')",
    message = "metadata.name must be a DNS-1035 label (lower-case letters, digits and '-', starting with a letter and "
        + "ending with a letter or digit), because the network's Services are named after it: choose such a name")
@AdditionalPrinterColumn(name = "Replicas", jsonPath = ".spec.replicas",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.readyReplicas",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Height", jsonPath = ".status.blockHeight",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Chain", jsonPath = ".spec.chain", type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class BitcoinNetwork extends CustomResource<BitcoinNetworkSpec, BitcoinNetworkStatus> implements Namespaced {
  public static final String GROUP = "blockyard.io";
  public static final String VERSION = "v1alpha1";
  /** Pod names get "-<ordinal>", Services and Secrets suffixes up to 12 characters; 52 keeps StatefulSet hashes valid. */
  public static final int MAX_NAME_LENGTH = 40;

  @Override
  protected BitcoinNetworkSpec initSpec() {
    return new BitcoinNetworkSpec();
  }

  @Override
  protected BitcoinNetworkStatus initStatus() {
    return new BitcoinNetworkStatus();
  }
}
