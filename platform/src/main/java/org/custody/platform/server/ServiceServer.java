package org.custody.platform.server;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.services.AdminInterface;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.custody.platform.access.AccessPolicy;
import org.custody.platform.access.AuthMode;
import org.custody.platform.access.AuthSettings;
import org.custody.platform.access.OperatorOnlyInterceptor;
import org.custody.platform.errors.ErrorStatus;
import org.custody.platform.errors.SafeDescription;
import org.custody.platform.metrics.MetricsEndpoint;
import org.custody.platform.session.SessionValidator;
import org.custody.platform.session.SubjectCheck;
import org.custody.platform.session.SubjectBindingInterceptor;
import org.custody.platform.staffaccess.StaffAccessInterceptor;
import org.custody.platform.staffaccess.StaffAccessLog;
import org.custody.platform.tracing.Tracing;
import org.custody.platform.tracing.TracingServerInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Custody service's server and everything around it: the Netty transport (plaintext with
 * tokens, or mutual TLS), a bounded handler pool, tracing and metrics around every call, the
 * {@link CallChain} of checks in front of the service's own methods, grpc health tied to a
 * database {@link HealthProbe}, reflection, channelz, {@code /metrics}, and a graceful shutdown.
 *
 * <p>Only the service's own services go through access control. Health and reflection (v1 and
 * v1alpha) answer without credentials, so orchestrators can probe and tools can discover the
 * contracts; channelz answers the operator caller only. Every port listens on
 * {@link ServerSettings#bindAddress()}, loopback unless configured otherwise.
 */
public final class ServiceServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServiceServer.class);

  /**
   * A health service name that reports SERVING for as long as the process runs, whatever the
   * database does: for liveness probes, so a database outage takes pods out of rotation
   * (readiness) without restarting them.
   */
  public static final String LIVENESS = "liveness";

  private final String name;
  private final Server server;
  private final Server healthServer;
  private final HealthStatusManager health;
  private final ExecutorService executor;
  private final ScheduledExecutorService prober;
  private final MetricsEndpoint metricsEndpoint;
  private final ServerSettings settings;
  private final List<AutoCloseable> resources;
  private volatile boolean closed;

  private ServiceServer(Builder b, Server server, Server healthServer, HealthStatusManager health,
      ExecutorService executor, ScheduledExecutorService prober, MetricsEndpoint metricsEndpoint) {
    this.name = b.name;
    this.server = server;
    this.healthServer = healthServer;
    this.health = health;
    this.executor = executor;
    this.prober = prober;
    this.metricsEndpoint = metricsEndpoint;
    this.settings = b.settings;
    this.resources = List.copyOf(b.resources);
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The error domain of a service's ErrorInfo details, e.g. {@code identity.custody}. */
  public static String errorDomain(String service) {
    return service + ".custody";
  }

  public int port() {
    return server.getPort();
  }

  /** The address the ports actually listen on, as bound (e.g. {@code 127.0.0.1} or {@code 0.0.0.0}). */
  public String bindAddress() {
    return ((InetSocketAddress) server.getListenSockets().get(0)).getAddress().getHostAddress();
  }

  public int metricsPort() {
    return metricsEndpoint.port();
  }

  public String name() {
    return name;
  }

  /**
   * Health NOT_SERVING, a drain delay so balancers stop routing, then shutdown, await the grace
   * period, shutdownNow, and finally close the registered resources (jobs, then the pool).
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    prober.shutdownNow();
    health.enterTerminalState();
    sleep(settings.drainDelay().toMillis());
    server.shutdown();
    try {
      if (!server.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("calls still running after the grace period; cancelling service={}", name);
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    if (healthServer != null) {
      healthServer.shutdownNow();
    }
    executor.shutdownNow();
    metricsEndpoint.close();
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("closing a resource failed service={} cause={}", name, SafeDescription.of(e));
      }
    }
    log.info("stopped service={}", name);
  }

  /** Blocks until the server terminates. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(Math.max(0, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Assembles a {@link ServiceServer}. */
  public static final class Builder {
    private final String name;
    private ServerSettings settings;
    private AuthSettings auth;
    private AccessPolicy policy;
    private PrometheusMeterRegistry registry;
    private io.grpc.ServerInterceptor metricsInterceptor;
    private BooleanSupplier databaseReachable = () -> true;
    private SessionValidator sessions;
    private SubjectCheck subjectCheck;
    private StaffAccessLog staffAccess;
    private final List<ServerServiceDefinition> services = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name);
    }

    public Builder settings(ServerSettings settings) {
      this.settings = settings;
      return this;
    }

    public Builder auth(AuthSettings auth) {
      this.auth = auth;
      return this;
    }

    public Builder accessPolicy(AccessPolicy policy) {
      this.policy = policy;
      return this;
    }

    /** The registry and its gRPC interceptor (see ServiceMetrics). */
    public Builder metrics(PrometheusMeterRegistry registry, io.grpc.ServerInterceptor grpcMetrics) {
      this.registry = registry;
      this.metricsInterceptor = grpcMetrics;
      return this;
    }

    /**
     * What the health probe asks every probe interval; typically
     * {@code () -> database.answers(interval)}. While it says false, health is NOT_SERVING and
     * the service's calls are refused at once (UNAVAILABLE, DATABASE_UNAVAILABLE, RetryInfo).
     */
    public Builder healthProbe(BooleanSupplier databaseReachable) {
      this.databaseReachable = databaseReachable;
      return this;
    }

    /**
     * Who says whose a session is (identity, through a cache): required when the access policy
     * binds methods to their subject (see {@link SubjectBindingInterceptor}).
     */
    public Builder sessions(SessionValidator sessions) {
      this.sessions = sessions;
      return this;
    }

    /**
     * Where staff reads are recorded: required when the access policy marks methods
     * {@code staff_access:} (see {@link StaffAccessInterceptor}).
     */
    public Builder staffAccessLog(StaffAccessLog staffAccess) {
      this.staffAccess = staffAccess;
      return this;
    }

    /** The subject check of this server (for handlers of {@code checked_by: service} methods). */
    public SubjectCheck subjectCheck() {
      if (sessions == null || registry == null) {
        throw new IllegalStateException("set metrics and sessions first");
      }
      if (subjectCheck == null) {
        subjectCheck = new SubjectCheck(sessions, registry);
      }
      return subjectCheck;
    }

    public Builder addService(BindableService service) {
      services.add(service.bindService());
      return this;
    }

    public Builder addService(ServerServiceDefinition service) {
      services.add(service);
      return this;
    }

    /** Closed after the server has stopped, in the order registered (jobs before the pool). */
    public Builder closeOnShutdown(AutoCloseable... resources) {
      this.resources.addAll(List.of(resources));
      return this;
    }

    /** A bounded pool: a flood queues (up to 100,000 calls) instead of starting threads without end. */
    private ThreadPoolExecutor handlerPool() {
      AtomicInteger threadIds = new AtomicInteger();
      return new ThreadPoolExecutor(settings.executorThreads(), settings.executorThreads(),
          60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(100_000), r -> {
            Thread t = new Thread(r, name + "-grpc-" + threadIds.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
    }

    private NettyServerBuilder transport(ExecutorService monitored) {
      NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(settings.bindAddress(), settings.grpcPort()))
          .executor(monitored)
          .maxInboundMessageSize(settings.maxInboundMessageBytes())
          .keepAliveTime(settings.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
          .keepAliveTimeout(20, TimeUnit.SECONDS)
          .permitKeepAliveTime(10, TimeUnit.SECONDS)
          .permitKeepAliveWithoutCalls(true)
          .intercept(metricsInterceptor)
          // Added last, runs first: the span (and the log lines' trace id) covers the whole call.
          .intercept(new TracingServerInterceptor(name, Tracing.openTelemetry()));
      if (auth.mode() == AuthMode.MTLS) {
        try {
          builder.sslContext(GrpcSslContexts.forServer(auth.certificate().toFile(), auth.privateKey().toFile())
              .trustManager(auth.trustedCa().toFile())
              .clientAuth(ClientAuth.REQUIRE)
              .build());
        } catch (IOException e) {
          throw new UncheckedIOException("cannot load the TLS certificate, key or CA", e);
        }
      }
      return builder;
    }

    private void checkComplete() {
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(auth, "auth");
      Objects.requireNonNull(policy, "accessPolicy");
      Objects.requireNonNull(registry, "metrics");
      policy.checkCovers(services);
      if (policy.bindsSubjects() && sessions == null) {
        throw new IllegalStateException("the access policy of " + name + " binds methods to their subject but no session validator was given");
      }
      SubjectBindingInterceptor.checkFields(policy, services);
      if (policy.recordsStaffAccess() && staffAccess == null) {
        throw new IllegalStateException("the access policy of " + name + " records staff reads but no staff access log was given");
      }
    }

    /** Health and reflection without credentials; channelz (the process's channels, targets and call counts) for the operator only. */
    private void addOpenAndAdminServices(NettyServerBuilder builder, HealthStatusManager health, ErrorStatus errors) {
      builder.addService(health.getHealthService());
      // Reflection answers without credentials: it shows only the contracts, which ship in
      // custody-proto anyway. v1alpha too, for Postman, older grpcurl and grpc-js clients.
      builder.addService(ProtoReflectionServiceV1.newInstance());
      builder.addService(legacyReflection());
      // Channelz shows the process's channels, targets and call counts: the operator's only.
      OperatorOnlyInterceptor operatorOnly = new OperatorOnlyInterceptor(auth.authenticator(), errors);
      for (ServerServiceDefinition admin : AdminInterface.getStandardServices()) {
        builder.addService(ServerInterceptors.intercept(admin, operatorOnly));
      }

    }

    private ScheduledExecutorService startProbing(HealthProbe probe) {
      ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, name + "-health-probe");
        t.setDaemon(true);
        return t;
      });
      io.micrometer.core.instrument.Gauge.builder("custody_health_serving", probe, HealthProbe::servingValue)
          .description("1 while the service reports SERVING on grpc health (its database answers), else 0")
          .register(registry);
      probe.run();
      prober.scheduleWithFixedDelay(probe, settings.healthProbeInterval().toMillis(),
          settings.healthProbeInterval().toMillis(), TimeUnit.MILLISECONDS);
      return prober;
    }

    public ServiceServer start() {
      checkComplete();
      JavaLoggingBridge.install();

      ErrorStatus errors = new ErrorStatus(errorDomain(name));
      ThreadPoolExecutor executor = handlerPool();
      ExecutorService monitored = ExecutorServiceMetrics.monitor(registry, executor, "grpc-server", io.micrometer.core.instrument.Tag.of("server", name));

      NettyServerBuilder builder = transport(monitored);
      HealthStatusManager health = new HealthStatusManager();
      HealthProbe probe = new HealthProbe(name, health, services.stream().map(d -> d.getServiceDescriptor().getName()).toList(),
          databaseReachable);
      CallChain chain = new CallChain(policy, errors, registry, auth.authenticator(), new DatabaseGate(probe::serving, errors,
          settings.healthProbeInterval()), sessions == null ? null : subjectCheck(), staffAccess, services);
      for (ServerServiceDefinition service : services) {
        builder.addService(chain.guard(service));
      }
      addOpenAndAdminServices(builder, health, errors);

      Server server;
      try {
        server = builder.build().start();
      } catch (IOException e) {
        executor.shutdownNow();
        throw new UncheckedIOException("cannot listen on gRPC port " + settings.grpcPort(), e);
      }
      health.setStatus(LIVENESS, ServingStatus.SERVING);
      Server healthServer = null;
      MetricsEndpoint metricsEndpoint;
      try {
        if (settings.healthPort() > 0) {
          healthServer = NettyServerBuilder.forAddress(new InetSocketAddress(settings.bindAddress(), settings.healthPort())).directExecutor()
              .addService(health.getHealthService()).build().start();
        }
        metricsEndpoint = MetricsEndpoint.start(settings.bindAddress(), settings.metricsPort(), registry);
      } catch (IOException | RuntimeException e) {
        server.shutdownNow();
        if (healthServer != null) {
          healthServer.shutdownNow();
        }
        executor.shutdownNow();
        throw e instanceof IOException io ? new UncheckedIOException("cannot listen on health port " + settings.healthPort(), io)
            : (RuntimeException) e;
      }
      ScheduledExecutorService prober = startProbing(probe);
      log.info("started service={} address={} grpcPort={} metricsPort={} auth={}", name, settings.bindAddress(), server.getPort(), metricsEndpoint.port(), auth.mode());
      return new ServiceServer(this, server, healthServer, health, executor, prober, metricsEndpoint);
    }
  }

  @SuppressWarnings("deprecation")
  private static BindableService legacyReflection() {
    return io.grpc.protobuf.services.ProtoReflectionService.newInstance();
  }
}
