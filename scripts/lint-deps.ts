/**
 * Enforces the architecture's dependency rules on every TypeScript file:
 *  1. layers point one way: apps → flows → modules → packages (providers implement a module's port);
 *  2. a workspace package is imported only through its index (`@linkmall/identity`, never a subpath,
 *     never a relative path into another package's src/);
 *  3. a module never imports another module; cross-module work lives in flows/;
 *  4. every @linkmall import is declared in the importing package's package.json.
 * Prints one line per violation and exits 1 when there is any.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const root = resolve(new URL('..', import.meta.url).pathname);
const LAYER_RANK = { packages: 0, modules: 1, providers: 2, flows: 2, apps: 3, scripts: 4, bench: 4, test: 4 } as const;
type Layer = keyof typeof LAYER_RANK;

interface Workspace {
  name: string;
  dir: string;
  layer: Layer;
  dependencies: Set<string>;
}

function listWorkspaces(): Workspace[] {
  const found: Workspace[] = [];
  for (const group of ['packages', 'modules', 'providers', 'apps']) {
    const groupDir = join(root, group);
    for (const entry of safeReaddir(groupDir)) {
      const manifest = join(groupDir, entry, 'package.json');
      if (!isFile(manifest)) continue;
      found.push(readWorkspace(join(groupDir, entry), group as Layer));
    }
  }
  if (isFile(join(root, 'flows/package.json'))) found.push(readWorkspace(join(root, 'flows'), 'flows'));
  return found;
}

function readWorkspace(dir: string, layer: Layer): Workspace {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return { name: manifest.name, dir, layer, dependencies: new Set(Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })) };
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of safeReaddir(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.tsx?$/.test(entry) && !entry.endsWith('.d.ts')) yield path;
  }
}

const workspaces = listWorkspaces();
const byName = new Map(workspaces.map((workspace) => [workspace.name, workspace]));
const ownerOf = (file: string) => workspaces.find((workspace) => file.startsWith(workspace.dir + sep));
const problems: string[] = [];
let checkedFiles = 0;

const roots = [...workspaces.map((workspace) => workspace.dir), join(root, 'scripts'), join(root, 'bench'), join(root, 'test')];
for (const dir of roots) {
  for (const file of sourceFiles(dir)) {
    // The console and the shop are browser apps with their own toolchains; they talk to the API over HTTP.
    if (/apps[/\\](admin|shop)[/\\]/.test(file)) continue;
    checkedFiles++;
    const owner = ownerOf(file);
    const layer: Layer = owner?.layer ?? (relative(root, file).split(sep)[0] as Layer);
    const where = relative(root, file);
    for (const { fileName: specifier } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (specifier.startsWith('@linkmall/')) {
        const [scope, name, ...rest] = specifier.split('/');
        const target = byName.get(`${scope}/${name}`);
        if (!target) {
          problems.push(`${where}: imports unknown workspace ${specifier}`);
          continue;
        }
        if (rest.length > 0) problems.push(`${where}: imports ${specifier}; import ${scope}/${name} (its index) instead`);
        checkLayers(where, layer, owner, target);
        if (owner && owner !== target && !owner.dependencies.has(target.name)) {
          problems.push(`${where}: imports ${target.name}, which ${owner.name}'s package.json does not declare`);
        }
      } else if (specifier.startsWith('.')) {
        const targetPath = resolve(dirname(file), specifier);
        const target = ownerOf(targetPath);
        if (!target || target === owner) continue;
        // Scripts, benchmarks and root tests may compose the API app from its sources; nothing may reach into a package's src.
        const intoApp = target.layer === 'apps' && (layer === 'scripts' || layer === 'bench' || layer === 'test');
        // A test may share another package's test fixtures (e.g. a provider's local protocol server), never its src.
        const fixtureForTest = isTestFile(where) && relative(target.dir, targetPath).split(sep)[0] === 'test';
        if (!intoApp && !fixtureForTest) problems.push(`${where}: reaches into ${relative(root, targetPath)}; import ${target.name} instead`);
      }
    }
  }
}

function isTestFile(path: string): boolean {
  return path.split(sep).includes('test') || /\.test\.tsx?$/.test(path);
}

function checkLayers(where: string, layer: Layer, owner: Workspace | undefined, target: Workspace) {
  if (owner === target) return;
  if (target.layer === 'apps' && layer !== 'scripts' && layer !== 'bench' && layer !== 'test' && !(layer === 'apps')) {
    problems.push(`${where}: ${layer} must not depend on the app ${target.name}`);
  }
  if (layer === 'modules' && target.layer === 'modules') problems.push(`${where}: module imports module ${target.name}; compose them in flows/`);
  if (LAYER_RANK[target.layer] > LAYER_RANK[layer] && !(layer === 'apps')) {
    problems.push(`${where}: ${layer} must not depend on ${target.layer} (${target.name}); dependencies run apps → flows → modules → packages`);
  }
  if (layer === 'providers' && target.layer === 'providers') problems.push(`${where}: providers must not depend on each other`);
  if (layer === 'flows' && target.layer === 'providers') problems.push(`${where}: flows use ports, not providers (${target.name})`);
}

for (const problem of problems) console.log(problem);
console.log(`lint-deps: ${checkedFiles} files, ${workspaces.length} workspaces, ${problems.length} problem(s)`);
process.exit(problems.length > 0 ? 1 : 0);
