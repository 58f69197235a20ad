/**
 * The files a backup consists of, shared by both engines:
 *   linkmall-<engine>-<UTC timestamp>.<ext>   the backup itself
 *   <that name>.sha256                        its checksum, in `sha256sum -c` format
 *   <that name>.manifest.json                 what it holds: engine, time, migrations, row counts
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type BackupEngine = 'pglite' | 'postgres';

export interface BackupManifest {
  readonly format: 'linkmall-backup/1';
  readonly engine: BackupEngine;
  readonly createdAt: string;
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
  /** The server's version (postgres) or PGlite's Postgres version, for choosing a restore target. */
  readonly serverVersion: string;
  /** The newest migration applied when the backup was taken. */
  readonly latestMigration: string | null;
  /** Rows per table (`schema.table`) in the backup, compared after a restore. */
  readonly tableRows: Readonly<Record<string, number>>;
}

export const BACKUP_EXTENSIONS: Record<BackupEngine, string> = { pglite: '.tar.gz', postgres: '.dump' };

/** `20261123T001500Z`: sorts by time and contains no characters awkward in file names. */
export function backupTimestamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

export function backupFileName(engine: BackupEngine, at: Date): string {
  return `linkmall-${engine}-${backupTimestamp(at)}${BACKUP_EXTENSIONS[engine]}`;
}

export function engineOfBackup(file: string): BackupEngine {
  const name = basename(file);
  if (name.endsWith(BACKUP_EXTENSIONS.pglite)) return 'pglite';
  if (name.endsWith(BACKUP_EXTENSIONS.postgres)) return 'postgres';
  throw new Error(`${name} is not a LinkMall backup (expected a .tar.gz of the embedded database or a .dump of a PostgreSQL server)`);
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Writes the checksum and manifest next to a finished backup file. */
export async function sealBackup(file: string, manifest: Omit<BackupManifest, 'format' | 'file' | 'sha256' | 'bytes'>): Promise<BackupManifest> {
  const sha256 = await sha256OfFile(file);
  const full: BackupManifest = { format: 'linkmall-backup/1', ...manifest, file: basename(file), sha256, bytes: statSync(file).size };
  writeAtomically(`${file}.sha256`, `${sha256}  ${basename(file)}\n`);
  writeAtomically(`${file}.manifest.json`, `${JSON.stringify(full, null, 2)}\n`);
  return full;
}

/** Refuses a file whose checksum file is missing or does not match: a torn copy must never be restored. */
export async function verifyBackup(file: string): Promise<BackupManifest | null> {
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  const checksumFile = `${file}.sha256`;
  if (!existsSync(checksumFile)) throw new Error(`${checksumFile} is missing; without it the backup cannot be checked`);
  const expected = readFileSync(checksumFile, 'utf8').trim().split(/\s+/)[0];
  const actual = await sha256OfFile(file);
  if (expected !== actual) throw new Error(`${basename(file)} does not match its checksum (expected ${expected}, got ${actual}); the copy is damaged`);
  const manifestFile = `${file}.manifest.json`;
  return existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as BackupManifest) : null;
}

/** Writes through a temporary file and a rename, so a reader (or node_exporter) never sees half a file. */
export function writeAtomically(file: string, content: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.partial-${process.pid}`;
  writeFileSync(temporary, content, { mode: 0o600 });
  renameSync(temporary, file);
}

/**
 * For node_exporter's textfile collector: the time and size of the last successful backup, so an
 * alert fires when backups stop (docs/operations.md).
 */
export function writeBackupMetrics(file: string, manifest: BackupManifest): void {
  const engine = `database="${manifest.engine}"`;
  writeAtomically(
    file,
    [
      '# HELP linkmall_backup_last_success_timestamp_seconds When the last successful backup finished.',
      '# TYPE linkmall_backup_last_success_timestamp_seconds gauge',
      `linkmall_backup_last_success_timestamp_seconds{${engine}} ${Math.floor(Date.now() / 1000)}`,
      '# HELP linkmall_backup_last_size_bytes Size of the last successful backup.',
      '# TYPE linkmall_backup_last_size_bytes gauge',
      `linkmall_backup_last_size_bytes{${engine}} ${manifest.bytes}`,
      '',
    ].join('\n'),
  );
}

/** Deletes all but the newest `keep` backups of one engine in a folder (with their checksum and manifest). */
export function pruneBackups(folder: string, engine: BackupEngine, keep: number): string[] {
  const pattern = new RegExp(`^linkmall-${engine}-\\d{8}T\\d{6}Z${BACKUP_EXTENSIONS[engine].replace(/\./g, '\\.')}$`);
  const backups = readdirSync(folder).filter((name) => pattern.test(name)).sort().reverse();
  const removed = backups.slice(keep);
  for (const name of removed) {
    for (const suffix of ['', '.sha256', '.manifest.json']) rmSync(join(folder, name + suffix), { force: true });
  }
  return removed;
}

/** Command-line flags: `--name value`, `--name=value` and bare `--flag`; the rest are positional. */
export function parseArguments(argv: readonly string[]): { flags: Map<string, string | true>; positional: string[] } {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (!argument.startsWith('--')) {
      positional.push(argument);
      continue;
    }
    const [name, inline] = argument.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (inline !== undefined) flags.set(name, inline);
    else if (argv[index + 1] !== undefined && !argv[index + 1]!.startsWith('--') && VALUE_FLAGS.has(name)) flags.set(name, argv[++index]!);
    else flags.set(name, true);
  }
  return { flags, positional };
}

const VALUE_FLAGS = new Set(['out', 'keep', 'metrics-file']);
