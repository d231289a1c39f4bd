-- Which version of the lifecycle computed the stored snapshots (Lifecycle.snapshotVersion).
-- When the code computes them differently for the same history, every history is replayed and
-- the snapshots that change are rewritten (CaseStore.refreshSnapshotsIfOutdated), so that
-- `disclosure verify` keeps holding after an upgrade. The history itself is never touched.
CREATE TABLE snapshot_version (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    version int NOT NULL
);
INSERT INTO snapshot_version (version) VALUES (1);
