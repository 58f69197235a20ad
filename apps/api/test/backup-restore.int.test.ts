import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, sql, type Database } from '@linkmall/db';
import { accrueCommission, applyTransfers, sealAll, settleCommission, verifyLedger, voidCommission, type TransferInput } from '@linkmall/ledger';
import { systemClock, systemContext } from '@linkmall/kernel';
import { createTestDatabase, testServerUrl, type TestDatabase } from '@linkmall/testing';
import { seedDemo } from '../src/demo-seed.ts';
import { createPlatform, inProcessPlatformOptions } from '../src/platform.ts';
import { pruneBackups, verifyBackup, type BackupManifest } from '../../../scripts/backup-files.ts';
import { backupPglite, restorePglite } from '../../../scripts/backup-pglite.ts';
import { assertToolSupportsServer, backupPostgres, restorePostgres, toolMajorVersion } from '../../../scripts/backup-postgres.ts';
import { tableChecksums, tableRowCounts } from '../../../scripts/backup-tables.ts';

/**
 * The demo data, plus commission transfers in every state (pending, settled, voided) sealed into the
 * hash chain, so the restored copy has a ledger worth verifying.
 */
async function seed(database: Database): Promise<void> {
  const platform = createPlatform(database, inProcessPlatformOptions(randomBytes(32)));
  await seedDemo(platform);
  const ctx = systemContext(systemClock);
  const accrual = (order: string, memberId: string, amountFen: bigint) =>
    accrueCommission({ id: `${order}:line-1:direct`, memberId, amountFen, code: 'commission.direct', causeType: 'order', causeId: order, memo: { line: 'line-1', profileVersion: 1 } });
  const batches: TransferInput[][] = [
    [accrual('ord_backup_1', 'usr_backup_alice', 1_200n), accrual('ord_backup_2', 'usr_backup_bob', 800n), accrual('ord_backup_3', 'usr_backup_alice', 500n)],
    settleCommission({ pendingId: 'ord_backup_1:line-1:direct', memberId: 'usr_backup_alice', amountFen: 1_200n }),
    [voidCommission('ord_backup_2:line-1:direct')],
  ];
  for (const batch of batches) {
    const result = await applyTransfers(database.db, ctx, batch);
    if (!result.ok) throw new Error(`ledger seed: ${result.code}`);
  }
  await sealAll(database.db);
}

async function contents(database: Database) {
  return { rows: await tableRowCounts(database.db), checksums: await tableChecksums(database.db) };
}

async function transferCount(database: Database): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from ledger_transfers`.execute(database.db);
  return Number(result.rows[0]!.n);
}

function expectSealed(file: string, manifest: BackupManifest, engine: BackupManifest['engine']) {
  expect(existsSync(file)).toBe(true);
  expect(readFileSync(`${file}.sha256`, 'utf8')).toMatch(/^[0-9a-f]{64} {2}linkmall-\w+-\d{8}T\d{6}Z\.(tar\.gz|dump)\n$/);
  expect(manifest.engine).toBe(engine);
  expect(manifest.latestMigration).toMatch(/^\d{4}_/);
  expect(manifest.tableRows['public.ledger_transfers']).toBeGreaterThan(0);
}

describe('backup and restore of the embedded database', () => {
  const folder = mkdtempSync(join(tmpdir(), 'linkmall-backup-'));
  const sourceDir = join(folder, 'source', 'pglite');
  const restoredDir = join(folder, 'restored', 'pglite');
  let source: Awaited<ReturnType<typeof contents>>;
  let file: string;

  beforeAll(async () => {
    const database = await openDatabase({ driver: 'pglite', dataDir: sourceDir });
    try {
      await migrateToLatest(database.db);
      await seed(database);
      expect(await transferCount(database)).toBeGreaterThan(0);
      source = await contents(database);
    } finally {
      await database.close();
    }
  }, 600_000);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('refuses to copy a data folder another process has open', async () => {
    // The lock file names a live process (our parent stands in for a running API).
    writeFileSync(`${sourceDir}.lock`, String(process.ppid));
    try {
      await expect(backupPglite({ dataDir: sourceDir, outDir: join(folder, 'backups') })).rejects.toThrow(/in use by process/);
      await expect(restorePglite({ file: join(folder, 'none.tar.gz'), dataDir: sourceDir })).rejects.toThrow(/does not exist/);
    } finally {
      rmSync(`${sourceDir}.lock`, { force: true });
    }
  });

  it('backs up, restores into a fresh folder with identical contents and a verified ledger', async () => {
    const backup = await backupPglite({ dataDir: sourceDir, outDir: join(folder, 'backups') });
    file = backup.file;
    expectSealed(file, backup.manifest, 'pglite');
    expect(backup.manifest.tableRows).toEqual(source.rows);

    const report = await restorePglite({ file, dataDir: restoredDir });
    expect(report.problems).toEqual([]);
    expect(report.ledgerOk).toBe(true);
    const restored = await openDatabase({ driver: 'pglite', dataDir: restoredDir });
    try {
      const copy = await contents(restored);
      expect(copy.rows).toEqual(source.rows);
      expect(copy.checksums).toEqual(source.checksums);
      const ledger = await verifyLedger(restored.db);
      expect(ledger.ok).toBe(true);
      expect(ledger.counts.transfers).toBeGreaterThan(0);
    } finally {
      await restored.close();
    }
  }, 600_000);

  it('refuses a non-empty target unless forced, and then keeps the old folder aside', async () => {
    await expect(restorePglite({ file, dataDir: restoredDir })).rejects.toThrow(/already holds a database/);
    const report = await restorePglite({ file, dataDir: restoredDir, force: true });
    expect(report.problems).toEqual([]);
    expect(report.movedAside && existsSync(report.movedAside)).toBe(true);
  }, 600_000);

  it('refuses a damaged copy and one without its checksum', async () => {
    const damaged = join(folder, 'damaged', 'linkmall-pglite-20260101T000000Z.tar.gz');
    mkdirSync(join(folder, 'damaged'));
    const bytes = readFileSync(file);
    const middle = bytes.length >> 1;
    bytes[middle] = bytes[middle]! ^ 0xff;
    writeFileSync(damaged, bytes);
    await expect(verifyBackup(damaged)).rejects.toThrow(/checksum file|\.sha256 is missing/);
    copyFileSync(`${file}.sha256`, `${damaged}.sha256`);
    await expect(restorePglite({ file: damaged, dataDir: join(folder, 'never') })).rejects.toThrow(/does not match its checksum/);
    expect(existsSync(join(folder, 'never'))).toBe(false);
  });

  it('keeps only the newest backups when asked', () => {
    const backups = join(folder, 'backups');
    for (const stamp of ['20250101T000000Z', '20250102T000000Z']) {
      writeFileSync(join(backups, `linkmall-pglite-${stamp}.tar.gz`), 'old');
      writeFileSync(join(backups, `linkmall-pglite-${stamp}.tar.gz.sha256`), 'old');
    }
    expect(pruneBackups(backups, 'pglite', 1).sort()).toEqual(['linkmall-pglite-20250101T000000Z.tar.gz', 'linkmall-pglite-20250102T000000Z.tar.gz']);
    expect(existsSync(file)).toBe(true);
    expect(existsSync(join(backups, 'linkmall-pglite-20250101T000000Z.tar.gz.sha256'))).toBe(false);
  });
});

describe('backup and restore of a PostgreSQL server database', async () => {
  const serverUrl = await testServerUrl();
  const folder = mkdtempSync(join(tmpdir(), 'linkmall-backup-pg-'));
  const targetName = `linkmall_restore_${Date.now().toString(36)}`;
  let database: TestDatabase;
  let targetUrl: string;
  let source: Awaited<ReturnType<typeof contents>>;
  let file: string;

  beforeAll(async () => {
    if (!serverUrl) return;
    database = await createTestDatabase();
    await seed(database);
    source = await contents(database);
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database "${targetName}" template template0`);
    await admin.end();
    const parsed = new URL(serverUrl);
    parsed.pathname = `/${targetName}`;
    targetUrl = parsed.toString();
  }, 600_000);
  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    if (!serverUrl) return;
    await database?.destroy();
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists "${targetName}" with (force)`);
    await admin.end();
  });

  it.skipIf(!serverUrl)('dumps from one snapshot, restores into an empty database with identical contents and a verified ledger', async () => {
    const backup = await backupPostgres({ url: database.url!, outDir: folder });
    file = backup.file;
    expectSealed(file, backup.manifest, 'postgres');
    expect(backup.manifest.tableRows).toEqual(source.rows);

    const report = await restorePostgres({ file, url: targetUrl });
    expect(report.problems).toEqual([]);
    expect(report.ledgerOk).toBe(true);
    const restored = await openDatabase({ driver: 'postgres', url: targetUrl, poolSize: 1 });
    try {
      const copy = await contents(restored);
      expect(copy.rows).toEqual(source.rows);
      expect(copy.checksums).toEqual(source.checksums);
      expect((await verifyLedger(restored.db)).ok).toBe(true);
      expect(await transferCount(restored)).toBeGreaterThan(0);
    } finally {
      await restored.close();
    }
  }, 600_000);

  it.skipIf(!serverUrl)('refuses a non-empty target unless forced, and a forced restore replaces it in one transaction', async () => {
    await expect(restorePostgres({ file, url: targetUrl })).rejects.toThrow(/already has \d+ tables/);
    const report = await restorePostgres({ file, url: targetUrl, force: true });
    expect(report.problems).toEqual([]);
    expect(report.ledgerOk).toBe(true);
  }, 600_000);

  it.skipIf(!serverUrl)('checks that pg_dump and pg_restore exist and are not older than the server', () => {
    expect(toolMajorVersion('pg_dump')).toBeGreaterThanOrEqual(10);
    expect(() => assertToolSupportsServer('pg_restore', 99)).toThrow(/pg_restore \d+ is older than the PostgreSQL 99 server/);
    expect(() => toolMajorVersion('pg_dump', { PG_BIN_DIR: join(folder, 'no-such-bin') })).toThrow(/pg_dump was not found/);
  });
});
