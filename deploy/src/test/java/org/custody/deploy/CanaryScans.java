package org.custody.deploy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.screening.CardNumbers;
import org.custody.platform.testkit.DatabaseCells;
import org.custody.platform.testkit.TestDatabases;

/**
 * Where the canary walk (ContractCanaryIT) looks for canaries after it: every stored cell
 * of the suite's databases, and the database server's redo and binary logs.
 */
final class CanaryScans {
  private CanaryScans() {}

  /** {@code db.table.column} of every cell of the four databases holding a needle (or, if asked, any card number in a text cell). */
  static List<String> databaseCells(Suite suite, List<String> needles, boolean anyCardNumber) throws Exception {
    List<String> hits = new ArrayList<>();
    for (String service : SuiteOptions.SERVICES) {
      DatabaseSettings db = suite.database(service);
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
        DatabaseCells.matching(c, cell -> cell.containsAny(needles) || (anyCardNumber && cell.text() && CardNumbers.containsCardNumber(cell.asText())))
            .forEach(where -> hits.add(service + "." + where));
      }
    }
    return hits;
  }

  /** Redo log and binary log files that hold a needle; files this process cannot read are reported, not failed. */
  static List<String> serverFiles(List<String> needles) throws Exception {
    List<String> hits = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    DatabaseSettings admin = TestDatabases.admin();
    try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT @@datadir, @@innodb_log_group_home_dir, @@log_bin, @@log_bin_basename")) {
      r.next();
      Path datadir = Path.of(r.getString(1));
      Path redoDir = r.getString(2) == null || r.getString(2).equals("./") ? datadir : datadir.resolve(r.getString(2));
      try (var list = Files.list(redoDir)) {
        list.filter(p -> p.getFileName().toString().startsWith("ib_logfile")).forEach(files::add);
      } catch (java.io.IOException | SecurityException e) {
        System.out.println("redo log: cannot list its directory (" + e.getClass().getSimpleName() + "): not scanned");
      }
      if (r.getBoolean(3) && r.getString(4) != null) {
        Path base = Path.of(r.getString(4));
        try (var list = Files.list(base.getParent())) {
          list.filter(p -> p.getFileName().toString().startsWith(base.getFileName().toString() + ".0")).forEach(files::add);
        } catch (java.io.IOException | SecurityException e) {
          System.out.println("binary log: cannot list its directory (" + e.getClass().getSimpleName() + "): not scanned");
        }
      } else {
        System.out.println("binary log: disabled on this server (log_bin=OFF)");
      }
    }
    List<byte[]> patterns = needles.stream().map(n -> n.getBytes(StandardCharsets.UTF_8)).toList();
    for (Path file : files) {
      if (!Files.isReadable(file)) {
        System.out.println(file.getFileName() + ": not readable by the test process: not scanned");
        continue;
      }
      byte[] content = Files.readAllBytes(file);
      System.out.println(file.getFileName() + ": scanned " + content.length + " bytes");
      for (byte[] p : patterns) {
        if (DatabaseCells.indexOf(content, p) >= 0) {
          hits.add(file.getFileName().toString());
        }
      }
    }
    return hits;
  }
}
