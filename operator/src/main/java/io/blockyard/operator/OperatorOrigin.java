package io.blockyard.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the operator's own connections to the nodes come from, for the NetworkPolicies that admit it: pods labelled
 * {@link io.blockyard.api.NetworkAccess#OPERATOR_LABEL} in its namespace (the operator as a pod), and address ranges
 * (the operator run outside the cluster, whose connections arrive from the host's address on the node).
 *
 * @param namespace the operator's namespace
 * @param sourceCidrs address ranges the operator connects from when it runs outside the cluster; empty in-cluster
 */
public record OperatorOrigin(String namespace, List<String> sourceCidrs) {
  /** Comma-separated CIDRs (for instance {@code 10.213.0.253/32}) an operator outside the cluster connects from. */
  public static final String SOURCE_CIDRS_ENV = "BLOCKYARD_OPERATOR_SOURCE_CIDRS";
  public static final String DEFAULT_NAMESPACE = "blockyard-system";
  private static final String CIDR = "(\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}|[0-9a-fA-F:]+/\\d{1,3})";

  /** Dependents are made by the SDK, not by the operator: they read the origin the operator was started with. */
  private static volatile OperatorOrigin current = new OperatorOrigin(DEFAULT_NAMESPACE, List.of());

  public OperatorOrigin {
    sourceCidrs = List.copyOf(sourceCidrs);
    for (String cidr : sourceCidrs) {
      if (!cidr.matches(CIDR)) {
        throw new IllegalArgumentException("'" + cidr + "' is not an address range such as 10.213.0.253/32: set "
            + SOURCE_CIDRS_ENV + " to comma-separated CIDRs the operator connects to the nodes from");
      }
    }
  }

  /** The origin from the environment: {@value #SOURCE_CIDRS_ENV}, and the namespace of the operator's client. */
  public static OperatorOrigin fromEnvironment(Map<String, String> env, String clientNamespace) {
    List<String> cidrs = new ArrayList<>();
    for (String part : env.getOrDefault(SOURCE_CIDRS_ENV, "").split(",")) {
      if (!part.isBlank()) {
        cidrs.add(part.strip());
      }
    }
    return new OperatorOrigin(clientNamespace == null || clientNamespace.isBlank() ? DEFAULT_NAMESPACE
        : clientNamespace, cidrs);
  }

  public static OperatorOrigin current() {
    return current;
  }

  static void use(OperatorOrigin origin) {
    current = origin;
  }
}
