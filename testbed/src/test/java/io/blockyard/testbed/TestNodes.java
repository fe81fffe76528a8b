package io.blockyard.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.TrustManager;

/** Small clients for the tests: JSON-RPC and REST calls to the nodes running in test-bed pods. */
public final class TestNodes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestNodes() {}

  /** A JSON-RPC 1.0 call; returns the {@code result}, or throws with the node's error. */
  public static JsonNode rpc(String url, String user, String password, String method, Object... params)
      throws Exception {
    String body = JSON.writeValueAsString(Map.of("jsonrpc", "1.0", "id", 1, "method", method,
        "params", Arrays.asList(params)));
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
            .getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> response = http().send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode reply = JSON.readTree(response.body());
    if (reply.hasNonNull("error")) {
      throw new IllegalStateException(method + " failed: " + reply.get("error"));
    }
    return reply.get("result");
  }

  public static JsonNode getJson(String url, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    headers.forEach(request::header);
    HttpResponse<String> response = http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** Node certificates in these tests are self-signed; the operator's own clients pin the real CA. */
  private static HttpClient http() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(TrustAll.context())
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Bitcoin Core's and btcd's regtest P2PKH version byte. */
  public static final int REGTEST_P2PKH = 0x6f;
  /** bcoin's own regtest P2PKH version byte (bcoin's regtest differs from Bitcoin Core's here). */
  public static final int BCOIN_REGTEST_P2PKH = 0x3c;

  /** A valid pay-to-pubkey-hash address to mine to (nobody holds its key: fine for tests). */
  public static String p2pkhAddress(int version) throws Exception {
    byte[] payload = new byte[21];
    payload[0] = (byte) version;
    byte[] hash = new byte[20];
    new SecureRandom().nextBytes(hash);
    System.arraycopy(hash, 0, payload, 1, 20);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] check = sha.digest(sha.digest(payload));
    byte[] full = Arrays.copyOf(payload, 25);
    System.arraycopy(check, 0, full, 21, 4);
    String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    StringBuilder sb = new StringBuilder();
    BigInteger n = new BigInteger(1, full);
    while (n.signum() > 0) {
      BigInteger[] qr = n.divideAndRemainder(BigInteger.valueOf(58));
      sb.append(alphabet.charAt(qr[1].intValue()));
      n = qr[0];
    }
    for (int i = 0; i < full.length && full[i] == 0; i++) {
      sb.append('1');
    }
    return sb.reverse().toString();
  }

  public static boolean isReady(Pod pod) {
    return pod != null && pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  /** Creates a namespace and waits for its default ServiceAccount, without which pods are refused. */
  public static void createNamespace(KubernetesClient client, String namespace) {
    client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
        .withName(namespace).endMetadata().build()).serverSideApply();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(
        () -> client.serviceAccounts().inNamespace(namespace).withName("default").get() != null);
  }

  /** Server-side applies every object of a YAML text in the namespace. */
  public static void apply(KubernetesClient client, String namespace, String yaml) {
    for (var item : client.load(new java.io.ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items()) {
      client.resource(item).inNamespace(namespace).serverSideApply();
    }
  }

  public static List<Pod> pods(KubernetesClient client, String namespace, String app) {
    return client.pods().inNamespace(namespace).withLabel("app", app).list().getItems();
  }
}
