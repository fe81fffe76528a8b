package io.blockyard.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Secrets a reconcile reads, from two label-selected informer caches per controller, never a GET per pass:
 * <ul>
 *   <li>{@link #OWN}: the Secrets the operator made (its {@code managed-by} and component labels);</li>
 *   <li>{@link #REFERENCED}: Secrets of the user's that a spec names (RPC credentials, a TLS Secret, an external
 *   backend, a wallet password). The operator does not own them, so the first time it reads one it adds the label
 *   {@value #REFERENCED_LABEL}; from then on the informer has it and a change to it wakes every resource naming it.</li>
 * </ul>
 * A label, rather than one field-selected watch per named Secret, keeps one watch per controller however many
 * resources there are, and caches only Secrets the operator uses, never every Secret in the cluster.
 */
public final class WatchedSecrets {
  private static final Logger LOG = LoggerFactory.getLogger(WatchedSecrets.class);
  public static final String OWN = "own-secrets";
  public static final String REFERENCED = "referenced-secrets";
  /** On a user's Secret that a Blockyard resource names; the operator never changes anything else of it. */
  public static final String REFERENCED_LABEL = "blockyard.io/referenced";
  private static final String INDEX = "referenced-secret";

  private WatchedSecrets() {}

  /** The operator's own Secrets of one component ({@code selector}), mapped to their resource by {@code ownerLabel}. */
  public static <P extends HasMetadata> InformerEventSource<Secret, P> own(EventSourceContext<P> context,
      Class<P> primary, String selector, String ownerLabel) {
    var config = InformerEventSourceConfiguration.from(Secret.class, primary)
        .withName(OWN)
        .withLabelSelector(selector)
        .withSecondaryToPrimaryMapper(secret -> {
          String owner = secret.getMetadata().getLabels().get(ownerLabel);
          return owner == null ? Set.of() : Set.of(new ResourceID(owner, secret.getMetadata().getNamespace()));
        })
        .build();
    return new InformerEventSource<>(config, context);
  }

  /**
   * The user's Secrets that {@code names} says a resource uses (in its own namespace). Both directions go through
   * the resources' cache (an index by Secret), so a resource created after the Secret still finds it.
   */
  public static <P extends HasMetadata> InformerEventSource<Secret, P> referenced(EventSourceContext<P> context,
      Class<P> primary, Function<P, Set<String>> names) {
    var resources = context.getPrimaryCache();
    resources.addIndexer(INDEX, p -> names.apply(p).stream()
        .map(name -> p.getMetadata().getNamespace() + "/" + name).toList());
    var config = InformerEventSourceConfiguration.from(Secret.class, primary)
        .withName(REFERENCED)
        .withLabelSelector(REFERENCED_LABEL + "=true")
        .withSecondaryToPrimaryMapper(secret -> resources.byIndex(INDEX,
                secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName()).stream()
            .map(ResourceID::fromResource).collect(Collectors.toSet()))
        .withPrimaryToSecondaryMapper((P p) -> names.apply(p).stream()
            .map(name -> new ResourceID(name, p.getMetadata().getNamespace())).collect(Collectors.toSet()))
        .build();
    return new InformerEventSource<>(config, context);
  }

  /**
   * Puts a Secret the reconciler just wrote itself into its own cache, so that the next pass finds it there and the
   * informer's echo of the write does not start a pass of its own (what JOSDK's dependents do for theirs).
   *
   * @param previous the Secret as it was before the write, or null for a new one
   */
  public static <P extends HasMetadata> void wrote(Context<P> context, Secret written, Secret previous) {
    @SuppressWarnings("unchecked")
    var own = (InformerEventSource<Secret, P>) context.eventSourceRetriever().getEventSourceFor(Secret.class, OWN);
    if (previous == null) {
      own.handleRecentResourceCreate(ResourceID.fromResource(written), written);
    } else {
      own.handleRecentResourceUpdate(ResourceID.fromResource(written), written, previous);
    }
  }

  /**
   * A Secret from the caches. One not in them yet is read once and gets {@value #REFERENCED_LABEL} so that it is watched from then on. Empty when it does not
   * exist (read again on the next pass, until it does).
   */
  public static <P extends HasMetadata> Optional<Secret> find(Context<P> context, String namespace, String name) {
    ResourceID id = new ResourceID(name, namespace);
    for (String source : List.of(OWN, REFERENCED)) {
      @SuppressWarnings("unchecked")
      var cache = (InformerEventSource<Secret, P>) context.eventSourceRetriever().getEventSourceFor(Secret.class,
          source);
      Optional<Secret> cached = cache.get(id);
      if (cached.isPresent()) {
        return cached;
      }
    }
    KubernetesClient client = context.getClient();
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      return Optional.empty();
    }
    var labels = secret.getMetadata().getLabels();
    // Also on another component's Secret (a network's connection Secret as a Lightning backend): this controller's
    // own cache does not hold it.
    if (labels == null || !"true".equals(labels.get(REFERENCED_LABEL))) {
      try {
        client.secrets().inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"labels\":{\"" + REFERENCED_LABEL + "\":\"true\"}}}");
      } catch (KubernetesClientException e) {
        // Still usable; without the label it is read again on the next pass. Code only: never the Secret's text.
        LOG.warn("cannot label Secret {}/{} {}=true (the ServiceAccount needs patch on Secrets): HTTP {}", namespace,
            name, REFERENCED_LABEL, e.getCode());
      }
    }
    return Optional.of(secret);
  }
}
