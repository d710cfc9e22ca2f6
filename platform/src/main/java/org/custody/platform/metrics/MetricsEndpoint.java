package org.custody.platform.metrics;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Serves {@code GET /metrics} in the Prometheus text format on its own port. */
public final class MetricsEndpoint implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * @param bindAddress the local address to listen on (loopback unless configured otherwise)
   * @param port the port, or 0 for any free one
   */
  public static MetricsEndpoint start(String bindAddress, int port, PrometheusMeterRegistry registry) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 16);
      server.createContext("/metrics", exchange -> {
        try (exchange) {
          if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(405, -1);
            return;
          }
          byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        }
      });
      ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "metrics-http-" + port);
        t.setDaemon(true);
        return t;
      });
      server.setExecutor(executor);
      server.start();
      return new MetricsEndpoint(server, executor);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the metrics port " + port, e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
