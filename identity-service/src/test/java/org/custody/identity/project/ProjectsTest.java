package org.custody.identity.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.custody.platform.domain.Slice;
import org.custody.platform.errors.DomainException;
import org.custody.platform.errors.ErrorKind;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class ProjectsTest {
  private final MutableClock clock = MutableClock.at("2026-11-27T09:00:00Z");
  private final Projects projects = new Projects(new InMemoryProjectStore(), clock);

  @Test
  void create_thenGet() {
    projects.create("acme", "  ACME Support ");
    Project project = projects.get("acme");
    assertThat(project.displayName()).isEqualTo("ACME Support");
    assertThat(project.createTime()).isEqualTo(clock.instant());
    assertThat(project.primaryAccountId()).isEmpty();
  }

  @Test
  void create_duplicate_isAlreadyExists() {
    projects.create("acme", "ACME");
    assertThatThrownBy(() -> projects.create("acme", "Other"))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS));
  }

  @Test
  void list_pages() {
    for (String id : new String[] {"c", "a", "b"}) {
      projects.create(id, id);
    }
    Slice<Project> first = projects.list("", 2);
    assertThat(first.items()).extracting(Project::id).containsExactly("a", "b");
    assertThat(first.nextCursor()).contains("b");
    Slice<Project> second = projects.list("b", 2);
    assertThat(second.items()).extracting(Project::id).containsExactly("c");
    assertThat(second.nextCursor()).isEmpty();
  }
}
