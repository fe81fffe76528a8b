package io.blockyard.api.lightning;

import io.blockyard.api.bitcoin.BitcoinNetwork;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Payments among LightningNodes at a declared rate, made by the operator for as long as the resource exists. */
@Group(BitcoinNetwork.GROUP)
@Version(BitcoinNetwork.VERSION)
@ShortNames("lnact")
@Categories("blockyard")
@AdditionalPrinterColumn(name = "Rate", jsonPath = ".spec.paymentsPerMinute",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Paused", jsonPath = ".spec.paused", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Attempted", jsonPath = ".status.attempted",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Succeeded", jsonPath = ".status.succeeded",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Success", jsonPath = ".status.successRate", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "P95ms", jsonPath = ".status.latencyP95Ms", type = AdditionalPrinterColumn.Type.INTEGER,
    priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class LightningActivity extends CustomResource<LightningActivitySpec, LightningActivityStatus>
    implements Namespaced {
  @Override
  protected LightningActivitySpec initSpec() {
    return new LightningActivitySpec();
  }

  @Override
  protected LightningActivityStatus initStatus() {
    return new LightningActivityStatus();
  }
}
