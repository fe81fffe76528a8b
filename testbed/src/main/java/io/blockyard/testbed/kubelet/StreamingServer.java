package io.blockyard.testbed.kubelet;

import io.blockyard.testbed.Shell;
import io.blockyard.testbed.TestbedException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process kubelet's streaming server, as kube-apiserver calls it over HTTPS: {@code
 * /containerLogs/{namespace}/{pod}/{container}} for {@code kubectl logs}, and {@code /portForward/{namespace}/{pod}}
 * in two protocols, as a real kubelet: SPDY/3.1 ({@code portforward.k8s.io}), which the API server speaks for
 * kubectl's tunnelled port-forward, and WebSocket ({@code v4.channel.k8s.io}), which the API server passes through
 * unchanged from WebSocket clients such as fabric8. HTTP/1.1 is parsed here because the JDK's HTTP server cannot
 * hand over the connection after {@code 101 Switching Protocols}.
 */
final class StreamingServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingServer.class);
  private static final String KEYSTORE_PASSWORD = "blockyard";

  /** The IP of a pod running on this node, or null when it runs nowhere here. */
  interface PodIps {
    String ip(String namespace, String name);
  }

  /** The containers' log files of the pods running on this node. */
  interface LogFiles {
    /** Where the container writes its output, or null when the pod runs nowhere here. */
    Path logFile(String namespace, String pod, String container);

    /** Whether the container's process runs now (a follow ends with the run). */
    boolean running(String namespace, String pod, String container);
  }

  /** A parsed HTTP/1.1 request head; header names in lower case, repeated headers joined with commas. */
  record Request(String method, String path, Map<String, List<String>> query, Map<String, String> headers) {
    String header(String name) {
      return headers.getOrDefault(name, "");
    }

    boolean headerHas(String name, String token) {
      for (String part : header(name).split(",")) {
        if (part.trim().equalsIgnoreCase(token)) {
          return true;
        }
      }
      return false;
    }
  }

  private final SSLServerSocket server;
  private final PodIps pods;
  private final LogFiles logs;
  private final ExecutorService threads;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong upgrades = new AtomicLong();
  private volatile boolean closed;

  private StreamingServer(SSLServerSocket server, String nodeName, PodIps pods, LogFiles logs) {
    this.server = server;
    this.pods = pods;
    this.logs = logs;
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "kubelet-stream-" + nodeName);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Listens on a free port of {@code bindAddress} with a self-signed certificate made in {@code pkiDir} (the API
   * server does not verify it: it runs without {@code --kubelet-certificate-authority}).
   */
  static StreamingServer start(Path pkiDir, String nodeName, String bindAddress, PodIps pods, LogFiles logs) {
    try {
      SSLContext tls = serverContext(pkiDir, bindAddress);
      SSLServerSocket socket = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), 0), 64);
      StreamingServer s = new StreamingServer(socket, nodeName, pods, logs);
      s.threads.execute(s::acceptLoop);
      LOG.info("kubelet streaming server listening on https://{}:{}", bindAddress, s.port());
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the kubelet streaming server on " + bindAddress, e);
    }
  }

  int port() {
    return server.getLocalPort();
  }

  /** How many port-forward connections (SPDY or WebSocket) the API server has opened so far. */
  long portForwardConnections() {
    return upgrades.get();
  }

  private static SSLContext serverContext(Path pkiDir, String bindAddress) throws IOException {
    Files.createDirectories(pkiDir);
    Path p12 = pkiDir.resolve("kubelet.p12");
    if (!Files.exists(p12)) {
      String key = pkiDir.resolve("kubelet.key").toString();
      String crt = pkiDir.resolve("kubelet.crt").toString();
      Shell.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", crt,
          "-days", "3650", "-subj", "/CN=blockyard-process-kubelet",
          "-addext", "subjectAltName=IP:127.0.0.1,IP:" + bindAddress);
      Shell.run("openssl", "pkcs12", "-export", "-in", crt, "-inkey", key, "-name", "kubelet",
          "-out", p12.toString(), "-passout", "pass:" + KEYSTORE_PASSWORD);
    }
    try (InputStream in = Files.newInputStream(p12)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, KEYSTORE_PASSWORD.toCharArray());
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, KEYSTORE_PASSWORD.toCharArray());
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new TestbedException("cannot load the kubelet's certificate " + p12 + ": " + e.getMessage(), e);
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        open.add(socket);
        threads.execute(() -> serve(socket));
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("kubelet streaming server: accept failed: {}", e.toString());
        }
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      Request request = readRequest(in);
      if (request == null) {
        return;
      }
      LOG.debug("kubelet streaming server: {} {} (Upgrade: {})", request.method(), request.path(),
          request.header("upgrade"));
      String[] parts = request.path().split("/");
      if (request.path().equals("/healthz")) {
        respond(out, 200, "OK", "ok");
        return;
      }
      if (parts.length == 5 && parts[1].equals("containerLogs") && request.method().equals("GET")) {
        serveLogs(socket, in, out, request, parts[2], parts[3], parts[4]);
        return;
      }
      if (parts.length < 4 || !parts[1].equals("portForward")) {
        respond(out, 404, "Not Found", "the process kubelet serves only /portForward/{namespace}/{pod} and "
            + "/containerLogs/{namespace}/{pod}/{container}");
        return;
      }
      String namespace = parts[2];
      String pod = parts[3];
      String ip = pods.ip(namespace, pod);
      if (ip == null) {
        respond(out, 404, "Not Found", "pod " + namespace + "/" + pod + " is not running on this node");
        return;
      }
      String target = namespace + "/" + pod;
      upgrades.incrementAndGet();
      if (request.headerHas("upgrade", "websocket")) {
        WebSocketPortForward.serve(request, in, out, target, ip, threads);
      } else if (request.headerHas("upgrade", "SPDY/3.1")) {
        if (!request.headerHas("x-stream-protocol-version", SpdyPortForward.PROTOCOL)) {
          respond(out, 403, "Forbidden", "unsupported X-Stream-Protocol-Version \""
              + request.header("x-stream-protocol-version") + "\": only " + SpdyPortForward.PROTOCOL);
          return;
        }
        out.write(("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n"
            + "X-Stream-Protocol-Version: " + SpdyPortForward.PROTOCOL + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        new SpdyPortForward(in, out, target, ip, threads).run();
      } else {
        respond(out, 400, "Bad Request", "port-forward needs Upgrade: SPDY/3.1 or websocket");
      }
    } catch (SocketException e) {
      LOG.debug("kubelet streaming connection ended: {}", e.toString());
    } catch (IOException | RuntimeException e) {
      if (!closed) {
        LOG.warn("kubelet streaming connection failed: {}", e.toString());
      }
    } finally {
      open.remove(socket);
    }
  }

  /**
   * {@code kubectl logs}: one run of the container (the current one, or the one before with {@code previous}), cut by
   * {@code tailLines} and {@code limitBytes}; with {@code follow}, then what the run writes until it ends (at once
   * for a container that does not run) or the client hangs up. {@code timestamps}, {@code sinceSeconds} and {@code sinceTime} are not supported:
   * the log file keeps no time per line.
   */
  private void serveLogs(Socket socket, InputStream in, OutputStream out, Request request, String namespace,
      String pod, String container) throws IOException {
    Path file = logs.logFile(namespace, pod, container);
    if (file == null) {
      respond(out, 404, "Not Found", "pod " + namespace + "/" + pod + " is not running on this node");
      return;
    }
    Integer tailLines;
    Long limitBytes;
    try {
      tailLines = request.query().containsKey("tailLines") ? Integer.valueOf(query(request, "tailLines")) : null;
      limitBytes = request.query().containsKey("limitBytes") ? Long.valueOf(query(request, "limitBytes")) : null;
    } catch (NumberFormatException e) {
      respond(out, 400, "Bad Request", "tailLines and limitBytes must be numbers: " + e.getMessage());
      return;
    }
    boolean previous = "true".equals(query(request, "previous"));
    boolean follow = "true".equals(query(request, "follow")) && !previous;
    byte[] content = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
    ContainerLog.Run run = ContainerLog.run(content, previous);
    if (run == null) {
      respond(out, 400, "Bad Request", previous
          ? "previous terminated container \"" + container + "\" in pod \"" + pod + "\" not found"
          : "container \"" + container + "\" in pod \"" + pod + "\" is waiting to start (kubectl describe pod " + pod
              + " says why)");
      return;
    }
    out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII));
    byte[] selected = ContainerLog.select(content, run, tailLines, limitBytes);
    out.write(selected);
    out.flush();
    long budget = limitBytes == null ? Long.MAX_VALUE : limitBytes - selected.length;
    long position = content.length;
    socket.setSoTimeout(200);
    while (follow && budget > 0 && !closed) {
      // Asked before reading: what a run wrote before it ended is in the file by then and still gets sent.
      boolean running = logs.running(namespace, pod, container);
      try {
        if (in.read() < 0) {
          return; // the client hung up
        }
      } catch (java.net.SocketTimeoutException e) {
        // nothing from the client: look for more output
      }
      long size = Files.size(file);
      if (size <= position) {
        if (running) {
          continue;
        }
        return; // the run ended
      }
      byte[] appended;
      try (var channel = java.nio.channels.FileChannel.open(file)) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) Math.min(size - position, 1 << 20));
        channel.read(buffer, position);
        appended = Arrays.copyOf(buffer.array(), buffer.position());
      }
      position += appended.length;
      int next = ContainerLog.nextStart(appended);
      byte[] part = next < 0 ? appended : Arrays.copyOf(appended, next);
      part = part.length > budget ? Arrays.copyOf(part, (int) budget) : part;
      out.write(part);
      out.flush();
      budget -= part.length;
      if (next >= 0 || !running) {
        return; // the run ended (and the container may have started again)
      }
    }
  }

  private static String query(Request request, String name) {
    List<String> values = request.query().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Reads the request line and headers byte by byte, so nothing of the upgraded protocol is consumed. */
  static Request readRequest(InputStream in) throws IOException {
    String line = readLine(in);
    if (line == null || line.isEmpty()) {
      return null;
    }
    String[] start = line.split(" ");
    if (start.length < 3) {
      throw new IOException("malformed request line: " + line);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
      int colon = h.indexOf(':');
      if (colon > 0) {
        String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = h.substring(colon + 1).trim();
        headers.merge(name, value, (a, b) -> a + "," + b);
      }
    }
    String target = start[1];
    int q = target.indexOf('?');
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (q >= 0) {
      for (String pair : target.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        query.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
      }
    }
    return new Request(start[0], q < 0 ? target : target.substring(0, q), query, headers);
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
      }
      if (b == '\n') {
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      if (line.size() > 16_384) {
        throw new IOException("request header line longer than 16 KiB");
      }
      line.write(b);
    }
  }

  static void respond(OutputStream out, int code, String reason, String body) throws IOException {
    byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
    out.write(("HTTP/1.1 " + code + " " + reason + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
        + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
  }

  /** Connects to a pod's port from the host, as a kubelet's port-forward does inside the pod's network. */
  static Socket dial(String ip, int port) throws IOException {
    Socket s = new Socket();
    try {
      s.connect(new InetSocketAddress(ip, port), 5_000);
      s.setTcpNoDelay(true);
      return s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  /** Stops listening and ends every open connection (and with them the pod connections they forward to). */
  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // already closed
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
    threads.shutdownNow();
  }
}
