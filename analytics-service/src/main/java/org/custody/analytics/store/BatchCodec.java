package org.custody.analytics.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.custody.analytics.aggregate.BatchAggregate;
import org.custody.analytics.aggregate.CellKey;
import org.custody.analytics.aggregate.CellTally;
import org.custody.analytics.aggregate.Dimension;
import org.custody.analytics.aggregate.Sketches;

/**
 * The journal payload: a batch's cells, nothing else. Layout (big-endian): version 1, view
 * count, then for pages and then referrers a cell count and per cell the epoch day, the key
 * (modified UTF-8), the views, and the length-prefixed compact HLL sketch.
 */
final class BatchCodec {
  private static final int VERSION = 1;

  /** One decoded cell. */
  record Cell(Dimension dimension, LocalDate day, String key, long views, byte[] sketch) {}

  private BatchCodec() {}

  static byte[] encode(BatchAggregate batch) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * (1 + batch.cells(Dimension.PAGE).size()));
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(VERSION);
      out.writeInt(batch.views());
      for (Dimension dimension : Dimension.values()) {
        Map<CellKey, CellTally> cells = batch.cells(dimension);
        out.writeInt(cells.size());
        for (Map.Entry<CellKey, CellTally> cell : cells.entrySet()) {
          out.writeInt((int) cell.getKey().day().toEpochDay());
          out.writeUTF(cell.getKey().key());
          out.writeLong(cell.getValue().views());
          byte[] sketch = Sketches.toBytes(cell.getValue().visitors());
          out.writeInt(sketch.length);
          out.write(sketch);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static List<Cell> decode(byte[] payload) {
    List<Cell> cells = new ArrayList<>();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalStateException("unknown journal payload version " + version);
      }
      in.readInt(); // view count, also kept in its own column
      for (Dimension dimension : Dimension.values()) {
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
          LocalDate day = LocalDate.ofEpochDay(in.readInt());
          String key = in.readUTF();
          long views = in.readLong();
          byte[] sketch = new byte[in.readInt()];
          in.readFully(sketch);
          cells.add(new Cell(dimension, day, key, views, sketch));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cells;
  }
}
