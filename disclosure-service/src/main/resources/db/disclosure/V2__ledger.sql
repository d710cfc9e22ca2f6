-- The tamper-evident log (RFC 6962). ledger_entries holds the hashed payloads; ledger_nodes the
-- hashes of every perfect subtree (level 0 = leaves), keyed by the leaf whose append completed
-- them, so any proof needs O(log n) rows and the verifier can stream them in append order;
-- ledger_tip, one row: the current size and root (moved by every append, from the size the
-- appender knew) and the latest signed head (signed at most every sign interval, 250 ms by default).
CREATE TABLE ledger_entries (
  entry_index BIGINT      NOT NULL,
  entry_type  VARCHAR(64) NOT NULL,
  payload     MEDIUMBLOB  NOT NULL,
  append_time DATETIME(6) NOT NULL,
  PRIMARY KEY (entry_index)
);

CREATE TABLE ledger_nodes (
  last_leaf  BIGINT     NOT NULL,
  node_level TINYINT    NOT NULL,
  node_hash  BINARY(32) NOT NULL,
  PRIMARY KEY (last_leaf, node_level)
);

CREATE TABLE ledger_tip (
  id          TINYINT       NOT NULL,
  tree_size   BIGINT        NOT NULL,
  root_hash   BINARY(32)    NOT NULL,
  signed_size BIGINT        NULL,
  signed_root BINARY(32)    NULL,
  head_time   DATETIME(6)   NULL,
  signature   VARBINARY(64) NULL,
  key_id      VARCHAR(32)   NULL,
  PRIMARY KEY (id)
);

INSERT INTO ledger_tip (id, tree_size, root_hash) VALUES (1, 0, X'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
