package io.blockyard.api.lightning;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Lightning channel between two nodes, opened, watched and (on deletion) closed by the operator. */
@Group(BitcoinNetwork.GROUP)
@Version(BitcoinNetwork.VERSION)
@ShortNames("lnchan")
@Categories("blockyard")
@AdditionalPrinterColumn(name = "From", jsonPath = ".spec.from", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "To", jsonPath = ".spec.to.node", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Capacity", jsonPath = ".spec.capacitySat",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "State", jsonPath = ".status.state", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Routable", jsonPath = ".status.conditions[?(@.type==\"Routable\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Local", jsonPath = ".status.localBalanceSat",
    type = AdditionalPrinterColumn.Type.INTEGER, priority = 1)
@AdditionalPrinterColumn(name = "Channel Point", jsonPath = ".status.channelPoint",
    type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class LightningChannel extends CustomResource<LightningChannelSpec, LightningChannelStatus>
    implements Namespaced {
  @Override
  protected LightningChannelSpec initSpec() {
    return new LightningChannelSpec();
  }

  @Override
  protected LightningChannelStatus initStatus() {
    return new LightningChannelStatus();
  }
}
