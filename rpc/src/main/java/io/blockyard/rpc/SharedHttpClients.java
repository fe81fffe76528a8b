package io.blockyard.rpc;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * JDK HTTP clients shared by every node client of a process that talks to many nodes (the operator). Each
 * {@link HttpClient} owns a selector thread and a worker pool for as long as it lives, so one per endpoint makes the
 * thread count grow with the nodes; here there is one per connect timeout, with one bounded worker pool for all.
 *
 * <p>Each endpoint still trusts only its own CA: the shared TLS context's trust manager picks the trust registered
 * for the server's host and port, which the JDK gives it with the {@link SSLEngine} of each connection. A server
 * with no trust registered is refused. A connection, once verified, is kept open and reused for that host and port
 * (a node's endpoint keeps one trust for its life; a new CA means a new pod, a new connection).
 */
public final class SharedHttpClients implements AutoCloseable {
  private final ThreadPoolExecutor workers;
  private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();
  private final Map<String, Registered> trust = new ConcurrentHashMap<>();
  private final SSLContext ssl;
  /** Requests sent, by server ({@code host:port}): how often this process asks each node. */
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();

  private record Registered(TlsTrust tls, X509ExtendedTrustManager manager, int users) {}

  /** A registration of an endpoint's trust; closing it drops the trust once no client of the endpoint is left. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** @param workerThreads at most this many threads run the clients' work (idle ones end after 30 s) */
  public SharedHttpClients(int workerThreads) {
    AtomicInteger count = new AtomicInteger();
    workers = new ThreadPoolExecutor(workerThreads, workerThreads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "node-http-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    workers.allowCoreThreadTimeOut(true);
    try {
      ssl = SSLContext.getInstance("TLS");
      ssl.init(null, new TrustManager[] {new ByPeer()}, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the shared TLS context: " + e, e);
    }
  }

  /** The client for calls with this connect timeout. */
  public HttpClient client(Duration connectTimeout) {
    if (workers.isShutdown()) {
      throw new IllegalStateException("the shared HTTP clients are closed");
    }
    return clients.computeIfAbsent(connectTimeout, timeout -> HttpClient.newBuilder()
        // JDK 17's HTTP/2 client gets GOAWAY from Go servers such as btcd and lnd.
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(workers)
        .sslContext(ssl)
        .build());
  }

  /** Trusts {@code tls} for the server at {@code uri}'s host and port (the last registration for it wins). */
  public Registration trust(URI uri, TlsTrust tls) {
    String key = key(uri.getHost(), uri.getPort() < 0 ? 443 : uri.getPort());
    trust.compute(key, (k, r) -> r != null && r.tls().equals(tls) ? new Registered(tls, r.manager(), r.users() + 1)
        : new Registered(tls, tls.trustManager(), 1));
    return () -> trust.computeIfPresent(key, (k, r) -> !r.tls().equals(tls) ? r
        : r.users() <= 1 ? null : new Registered(tls, r.manager(), r.users() - 1));
  }

  /** The count a transport adds each request it sends to the server at {@code uri} to. */
  public LongAdder requestCounter(URI uri) {
    return requests.computeIfAbsent(key(uri.getHost(), uri.getPort() < 0 ? 443 : uri.getPort()),
        k -> new LongAdder());
  }

  /** Requests sent so far through these clients, by server {@code host:port}. */
  public Map<String, Long> requestsByServer() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    requests.forEach((server, count) -> counts.put(server, count.sum()));
    return counts;
  }

  /** How many servers have a trust registered (for tests). */
  int trustedServers() {
    return trust.size();
  }

  /** Stops the worker threads; the clients' selector threads end once the clients are no longer referenced. */
  @Override
  public void close() {
    workers.shutdownNow();
    clients.clear();
    trust.clear();
  }

  private static String key(String host, int port) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return h.toLowerCase(Locale.ROOT) + ":" + port;
  }

  /** Server certificates are checked by the trust registered for the connection's peer; client ones never are. */
  private final class ByPeer extends X509ExtendedTrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      Registered registered = engine == null || engine.getPeerHost() == null ? null
          : trust.get(key(engine.getPeerHost(), engine.getPeerPort()));
      if (registered == null) {
        throw new CertificateException("no trusted CA is known for " + (engine == null ? "this server"
            : engine.getPeerHost() + ":" + engine.getPeerPort()));
      }
      registered.manager().checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("the shared HTTP clients check servers by their SSLEngine only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("the shared HTTP clients check servers by their SSLEngine only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("no client certificates are accepted");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("no client certificates are accepted");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("no client certificates are accepted");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
