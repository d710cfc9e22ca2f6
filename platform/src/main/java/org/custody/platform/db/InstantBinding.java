package org.custody.platform.db;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

/**
 * Binds every DATETIME(6) column as a UTC {@link Instant} without losing microseconds.
 *
 * <p>Why not the driver's own timestamp binding: MariaDB 10.x announces itself as
 * "5.5.5-10.x", so Connector/J concludes the server cannot store fractional seconds and drops
 * them from every bound timestamp. A value written and read back would then differ from the one
 * the domain holds. Bound as text ({@code 2026-11-27 10:15:30.123456}), the server parses the
 * fraction itself, on MariaDB and MySQL alike. The parent POM makes jOOQ's code generator use
 * this binding for every DATETIME/TIMESTAMP column.
 */
public final class InstantBinding implements Binding<LocalDateTime, Instant> {
  private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
  private static final InstantConverter CONVERTER = new InstantConverter();

  @Override
  public Converter<LocalDateTime, Instant> converter() {
    return CONVERTER;
  }

  @Override
  public void sql(BindingSQLContext<Instant> ctx) throws SQLException {
    if (ctx.render().paramType() == ParamType.INLINED) {
      LocalDateTime value = ctx.convert(CONVERTER).value();
      ctx.render().visit(value == null ? DSL.inline((String) null) : DSL.inline(TEXT.format(value)));
    } else {
      ctx.render().sql(ctx.variable());
    }
  }

  @Override
  public void register(BindingRegisterContext<Instant> ctx) throws SQLException {
    ctx.statement().registerOutParameter(ctx.index(), Types.TIMESTAMP);
  }

  @Override
  public void set(BindingSetStatementContext<Instant> ctx) throws SQLException {
    LocalDateTime value = ctx.convert(CONVERTER).value();
    if (value == null) {
      ctx.statement().setNull(ctx.index(), Types.TIMESTAMP);
    } else {
      ctx.statement().setString(ctx.index(), TEXT.format(value));
    }
  }

  @Override
  public void set(BindingSetSQLOutputContext<Instant> ctx) throws SQLException {
    throw new SQLFeatureNotSupportedException("SQLOutput is not used");
  }

  @Override
  public void get(BindingGetResultSetContext<Instant> ctx) throws SQLException {
    ctx.convert(CONVERTER).value(ctx.resultSet().getObject(ctx.index(), LocalDateTime.class));
  }

  @Override
  public void get(BindingGetStatementContext<Instant> ctx) throws SQLException {
    ctx.convert(CONVERTER).value(ctx.statement().getObject(ctx.index(), LocalDateTime.class));
  }

  @Override
  public void get(BindingGetSQLInputContext<Instant> ctx) throws SQLException {
    throw new SQLFeatureNotSupportedException("SQLInput is not used");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InstantBinding;
  }

  @Override
  public int hashCode() {
    return Objects.hash(InstantBinding.class);
  }
}
