package org.custody.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests deploy exactly the images the build makes: {@code custody/<name>:<tag>}
 * with the names the service modules give their images and the tag of the parent pom.
 */
class ImageReferencesTest {
  private static final Pattern IMAGE = Pattern.compile("(?m)^\\s*(?:-\\s+)?image:\\s*\"?([^\\s\"]+)\"?\\s*$");
  private static final Pattern NAME = Pattern.compile("<custody\\.image\\.name>([^<]+)</custody\\.image\\.name>");
  private static final Pattern TAG = Pattern.compile("<custody\\.image\\.tag>([^<]+)</custody\\.image\\.tag>");

  @Test
  void manifests_referenceExactlyTheServiceImagesTheBuildProduces() throws IOException {
    String tag = first(TAG, Files.readString(Path.of("..", "pom.xml")));
    Set<String> built = new TreeSet<>();
    for (String module : new String[] {"identity-service", "billing-service", "analytics-service", "disclosure-service"}) {
      built.add("custody/" + first(NAME, Files.readString(Path.of("..", module, "pom.xml"))) + ":" + tag);
    }

    Set<String> referenced = new TreeSet<>();
    try (Stream<Path> files = Files.walk(KubernetesManifestsTest.K8S)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Matcher m = IMAGE.matcher(Files.readString(file));
        while (m.find()) {
          referenced.add(m.group(1));
        }
      }
    }

    assertThat(built).containsExactly("custody/analytics:" + tag, "custody/billing:" + tag, "custody/disclosure:" + tag,
        "custody/identity:" + tag);
    assertThat(referenced).isEqualTo(built);
  }

  private static String first(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as(pattern.pattern()).isTrue();
    return m.group(1);
  }
}
