package org.custody.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.custody.analytics.app.AnalyticsApplication;
import org.custody.analytics.app.AnalyticsConfig;
import org.custody.billing.app.BillingApplication;
import org.custody.billing.app.BillingConfig;
import org.custody.disclosure.app.DisclosureApplication;
import org.custody.disclosure.app.DisclosureConfig;
import org.custody.identity.app.IdentityApplication;
import org.custody.identity.app.IdentityConfig;
import org.custody.platform.config.EnvReader;
import org.custody.platform.db.DatabaseProvisioner;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.db.JdbcUrls;
import org.custody.platform.db.LocalDatabases;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.server.ServiceServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All four services in one process, each with its own database and DB user, its own gRPC and
 * metrics ports, and the local callers' tokens in a file. Services start leaves first and stop
 * in reverse, so disclosure never runs without the services it calls.
 */
public final class Suite implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Suite.class);
  /** The callers the local suite issues tokens to. */
  public static final List<String> CALLERS = List.of("frontend", "helpdesk", "operator", "disclosure", "identity", "billing", "analytics");

  private final LocalDatabases embedded;
  private final MailCatcher mail;
  private final Map<String, ServiceServer> servers;
  private final Map<String, DatabaseSettings> databases;
  private final Path tokenFile;
  private final Map<String, String> tokens;

  private Suite(LocalDatabases embedded, MailCatcher mail, Map<String, ServiceServer> servers,
      Map<String, DatabaseSettings> databases, Path tokenFile, Map<String, String> tokens) {
    this.embedded = embedded;
    this.mail = mail;
    this.servers = servers;
    this.databases = databases;
    this.tokenFile = tokenFile;
    this.tokens = tokens;
  }

  public static Suite start(SuiteOptions options) {
    return start(options, ServiceRuntime.systemClock());
  }

  public static Suite start(SuiteOptions options, Clock clock) {
    LocalDatabases embedded = null;
    MailCatcher mail = null;
    Map<String, ServiceServer> servers = new LinkedHashMap<>();
    try {
      Files.createDirectories(options.home());
      Map<String, DatabaseSettings> databases = new LinkedHashMap<>();
      if (options.adminDatabase().isEmpty()) {
        embedded = LocalDatabases.start(options.home(), 0);
        for (String service : SuiteOptions.SERVICES) {
          databases.put(service, embedded.provision(service, 16));  // custody_<service>
        }
      } else {
        for (String service : SuiteOptions.SERVICES) {
          databases.put(service, provisionOnServer(options, service));
        }
      }
      LocalDatabases.SecretFiles secrets = LocalDatabases.secrets(options.home());
      Map<String, String> tokens = new LinkedHashMap<>();
      CALLERS.forEach(caller -> tokens.put(caller, secrets.read("token-" + caller)));
      Path tokenFile = writeTokenFile(options.home(), tokens);

      Map<String, String> common = new HashMap<>(options.serviceEnvironment());
      common.putIfAbsent("CUSTODY_AUTH_MODE", "token");
      common.put("CUSTODY_CALLER_TOKENS_FILE", tokenFile.toString());
      common.put("CUSTODY_HOME", options.home().toString());
      common.remove("CUSTODY_CALLER_TOKENS");
      common.remove("CUSTODY_DB_URL");
      if (!common.containsKey("CUSTODY_SMTP_HOST")) {
        mail = MailCatcher.start();
        common.put("CUSTODY_SMTP_HOST", "127.0.0.1");
        common.put("CUSTODY_SMTP_PORT", String.valueOf(mail.port()));
      }

      // Identity and billing record staff reads with disclosure, which starts last (it calls them):
      // they are told its port before it listens.
      int disclosurePort = options.grpcPorts().get("disclosure") == 0 ? freePort() : options.grpcPorts().get("disclosure");
      for (String service : SuiteOptions.SERVICES) {
        Map<String, String> env = serviceEnvironment(service, common, options, tokens.get(service), servers, disclosurePort);
        databases.put(service, onServerOf(databases.get(service), env.remove("CUSTODY_DB_URL")));
        servers.put(service, startService(service, new EnvReader(env), databases.get(service), clock));
      }
      return new Suite(embedded, mail, servers, databases, tokenFile, tokens);
    } catch (IOException e) {
      stopAll(servers, embedded, mail);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      stopAll(servers, embedded, mail);
      throw e;
    }
  }
  /** One service's settings: the suite's common ones, its ports and token, the addresses of those it calls, the caller's overrides. */
  private static Map<String, String> serviceEnvironment(String service, Map<String, String> common, SuiteOptions options, String token,
      Map<String, ServiceServer> started, int disclosurePort) {
    Map<String, String> env = new HashMap<>(common);
    env.put("CUSTODY_GRPC_PORT", String.valueOf(service.equals("disclosure") ? disclosurePort : options.grpcPorts().get(service)));
    env.put("CUSTODY_METRICS_PORT", String.valueOf(options.metricsPorts().get(service)));
    // Each service calls the others as itself: sessions checks with identity, staff access records with disclosure.
    env.put("CUSTODY_CLIENT_TOKEN", token);
    env.put("CUSTODY_DISCLOSURE_TARGET", "localhost:" + disclosurePort);
    if (!service.equals("identity")) {
      // "localhost" rather than an IP: in mtls mode the leaves' certificates name localhost.
      env.put("CUSTODY_IDENTITY_TARGET", "localhost:" + started.get("identity").port());
    }
    if (service.equals("disclosure")) {
      env.put("CUSTODY_BILLING_TARGET", "localhost:" + started.get("billing").port());
      env.put("CUSTODY_ANALYTICS_TARGET", "localhost:" + started.get("analytics").port());
    }
    env.putAll(options.serviceOverrides().getOrDefault(service, Map.of()));
    return env;
  }


  /** A port free now; only for disclosure, whose address the leaves need before it starts. */
  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static ServiceServer startService(String service, EnvReader env, DatabaseSettings database, Clock clock) {
    return switch (service) {
      case "identity" -> IdentityApplication.start(IdentityConfig.from(env), database, clock);
      case "billing" -> BillingApplication.start(BillingConfig.from(env), database, clock);
      case "analytics" -> AnalyticsApplication.start(AnalyticsConfig.from(env), database, clock);
      case "disclosure" -> DisclosureApplication.start(DisclosureConfig.from(env), database, clock);
      default -> throw new IllegalArgumentException("unknown service " + service);
    };
  }

  /**
   * The service's database through another server of the same cluster (e.g. another Galera node),
   * when its overrides name one in CUSTODY_DB_URL: same database, user and password.
   */
  private static DatabaseSettings onServerOf(DatabaseSettings database, String server) {
    if (server == null) {
      return database;
    }
    return new DatabaseSettings(JdbcUrls.withDatabase(server, JdbcUrls.database(database.jdbcUrl())), database.user(),
        database.password(), database.poolSize(), database.connectionTimeout());
  }

  /**
   * On a configured server: create the service's database and DB user if the given account may;
   * otherwise assume an operator created {@code custody_<service>} and use the given account.
   */
  private static DatabaseSettings provisionOnServer(SuiteOptions options, String service) {
    DatabaseSettings admin = options.adminDatabase().orElseThrow();
    String name = options.databasePrefix() + service;
    try {
      return DatabaseProvisioner.provision(admin, name, name, LocalDatabases.secrets(options.home()).read("db-" + service + ".password"))
          .withPoolSize(16);
    } catch (RuntimeException e) {
      log.warn("cannot create database and user for service={} (using the configured account on database {})", service, name);
      return admin.withDatabase(name).withPoolSize(16);
    }
  }

  private static Path writeTokenFile(Path home, Map<String, String> tokens) throws IOException {
    Path file = home.resolve("callers.tokens");
    Properties properties = new Properties();
    properties.putAll(tokens);
    try (Writer writer = Files.newBufferedWriter(file)) {
      properties.store(writer, "Bearer tokens of the local callers (caller=token). Keep this file private.");
    }
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system
    }
    return file;
  }

  /** The address the service's ports listen on, as bound. */
  public String bindAddress(String service) {
    return servers.get(service).bindAddress();
  }

  public int grpcPort(String service) {
    return servers.get(service).port();
  }

  public int metricsPort(String service) {
    return servers.get(service).metricsPort();
  }

  public String token(String caller) {
    return tokens.get(caller);
  }

  public Path tokenFile() {
    return tokenFile;
  }

  public DatabaseSettings database(String service) {
    return databases.get(service);
  }

  public java.util.Set<String> services() {
    return servers.keySet();
  }

  /** The local mail catcher, when the suite runs one (no CUSTODY_SMTP_HOST given). */
  public java.util.Optional<MailCatcher> mail() {
    return java.util.Optional.ofNullable(mail);
  }

  @Override
  public void close() {
    stopAll(servers, embedded, mail);
  }

  private static void stopAll(Map<String, ServiceServer> servers, LocalDatabases embedded, MailCatcher mail) {
    List<ServiceServer> reverse = new ArrayList<>(servers.values());
    java.util.Collections.reverse(reverse);
    reverse.forEach(ServiceServer::close);
    servers.clear();
    if (mail != null) {
      mail.close();
    }
    if (embedded != null) {
      embedded.close();
    }
  }
}
