package org.custody.deploy.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Secrets are referenced, never inlined: no Secret object carries data; an env var whose name
 * says it holds a secret either comes from a secretKeyRef or is a file path on a Secret volume;
 * the database settings come from a Secret, a different one per service (one account each).
 */
final class SecretChecks {
  static final Pattern SECRET_LIKE = Pattern.compile(".*(PASSWORD|PASSWD|TOKEN|SECRET|KEY|KEK|CREDENTIAL).*");
  private static final List<String> DATABASE_VARIABLES = List.of("CUSTODY_DB_URL", "CUSTODY_DB_USER", "CUSTODY_DB_PASSWORD");

  private SecretChecks() {}

  static List<String> check(Manifests manifests) {
    List<String> problems = new ArrayList<>();
    for (Resource secret : manifests.ofKind("Secret")) {
      if (secret.node().get("data").isPresent() || secret.node().get("stringData").isPresent()) {
        problems.add(secret.id() + " carries data in the manifests; create it in the cluster instead");
      }
    }
    Map<String, String> databaseSecretOwners = new LinkedHashMap<>();
    for (Workload w : Workload.all(manifests)) {
      for (Container c : w.allContainers()) {
        for (Node env : c.node().get("env").items()) {
          String name = env.get("name").text();
          String literal = env.get("value").text();
          if (name != null && literal != null && SECRET_LIKE.matcher(name).matches() && !onSecretVolume(c, literal)) {
            problems.add(c.where() + ": " + name + " has a literal value; take it from a secretKeyRef or a file on a Secret volume");
          }
        }
        if (c.env("CUSTODY_DB_URL").isPresent() || c.env("CUSTODY_DB_PASSWORD").isPresent()) {
          checkDatabase(c, databaseSecretOwners, problems);
        }
      }
    }
    return problems;
  }

  private static void checkDatabase(Container c, Map<String, String> owners, List<String> problems) {
    String secret = null;
    for (String variable : DATABASE_VARIABLES) {
      Node ref = c.env(variable).at("valueFrom.secretKeyRef");
      if (ref.isMissing()) {
        problems.add(c.where() + ": " + variable + " is not taken from a Secret (secretKeyRef)");
        continue;
      }
      String name = ref.get("name").text();
      if (secret != null && !secret.equals(name)) {
        problems.add(c.where() + ": the database settings come from different Secrets (" + secret + ", " + name + ")");
      }
      secret = name;
    }
    if (secret != null) {
      String owner = c.workload().name();
      String previous = owners.putIfAbsent(secret, owner);
      if (previous != null && !previous.equals(owner)) {
        problems.add(c.where() + ": shares the database Secret " + secret + " with " + previous + "; each service has its own account");
      }
    }
  }

  private static boolean onSecretVolume(Container c, String value) {
    return value.startsWith("/") && c.secretHolding(value).isPresent();
  }
}
