package io.blockyard.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * {@code /healthz}, {@code /readyz} and {@code /metrics} on one port. The JDK's own HTTP server: three plain GETs
 * from the kubelet and Prometheus need no web framework, and it adds nothing to the image but the jdk.httpserver
 * module.
 */
final class OperatorHttp implements AutoCloseable {
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private final HttpServer server;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "operator-http");
    t.setDaemon(true);
    return t;
  });

  OperatorHttp(InetSocketAddress address, BooleanSupplier live, BooleanSupplier ready, PrometheusMeterRegistry registry,
      Runnable beforeScrape) throws IOException {
    server = HttpServer.create(address, 0);
    // One thread: probes and scrapes are rare and short; a slow scrape must not start a pile of threads.
    server.setExecutor(executor);
    server.createContext("/healthz", x -> probe(x, live.getAsBoolean()));
    server.createContext("/readyz", x -> probe(x, ready.getAsBoolean()));
    server.createContext("/metrics", x -> {
      beforeScrape.run();
      reply(x, 200, PROMETHEUS_TEXT, registry.scrape());
    });
  }

  OperatorHttp start() {
    server.start();
    return this;
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static void probe(HttpExchange x, boolean ok) throws IOException {
    reply(x, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "not ready\n");
  }

  private static void reply(HttpExchange x, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", type);
    x.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
