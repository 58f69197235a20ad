#!/usr/bin/env node
// CI gate: `npm audit --omit=dev --audit-level=high`, with an explicit, reviewed allowlist.
// Fails on any high or critical advisory in the production dependency tree that is not listed in
// .ci/audit-allowlist.json (each entry names the advisory, the package, why it does not apply, who
// reviewed it and when it expires; an expired entry fails too). Development-only findings are printed
// for information. When the registry's advisory endpoint cannot be reached (an offline mirror), the
// check says so loudly and passes, unless AUDIT_REQUIRED=1 makes that a failure.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const GATED = new Set(['high', 'critical']);

function audit(extra) {
  const run = spawnSync('npm', ['audit', '--json', ...extra], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  try {
    return JSON.parse(run.stdout);
  } catch {
    return { unreachable: run.stderr.trim().split('\n').at(-1) ?? 'no output' };
  }
}

function findings(report) {
  const found = [];
  for (const [name, vulnerability] of Object.entries(report.vulnerabilities ?? {})) {
    for (const via of vulnerability.via) {
      if (typeof via !== 'object' || !GATED.has(via.severity)) continue;
      found.push({ package: name, advisory: via.url?.split('/').at(-1) ?? String(via.source), severity: via.severity, title: via.title, range: via.range });
    }
  }
  return found;
}

const allowlist = JSON.parse(readFileSync(new URL('./audit-allowlist.json', import.meta.url), 'utf8'));
const today = new Date().toISOString().slice(0, 10);
const production = audit(['--omit=dev']);
if (!production.vulnerabilities) {
  const why = production.unreachable ?? production.message ?? production.error?.summary ?? 'unknown answer';
  console.log(`audit: WARNING the advisory database could not be queried (${why}); dependencies were NOT checked`);
  process.exit(process.env.AUDIT_REQUIRED === '1' ? 1 : 0);
}

let failed = false;
for (const entry of allowlist) {
  if (entry.expires < today) {
    console.log(`audit: allowlist entry ${entry.advisory} (${entry.package}) expired on ${entry.expires}; review it again`);
    failed = true;
  }
}
for (const finding of findings(production)) {
  const allowed = allowlist.find((entry) => entry.advisory === finding.advisory && entry.package === finding.package);
  if (allowed) console.log(`audit: allowed ${finding.severity} ${finding.advisory} in ${finding.package}: ${allowed.reason}`);
  else {
    console.log(`audit: ${finding.severity.toUpperCase()} ${finding.advisory} in ${finding.package} (${finding.range}): ${finding.title}`);
    failed = true;
  }
}
const development = findings(audit([])).filter((finding) => !findings(production).some((shipped) => shipped.advisory === finding.advisory));
if (development.length > 0) console.log(`audit: ${development.length} high/critical advisories in development-only packages (not shipped): ${[...new Set(development.map((finding) => finding.package))].join(', ')}`);
console.log(failed ? 'audit: FAILED — upgrade, or add a reviewed allowlist entry with a reason and an expiry' : 'audit: production dependencies are clean of high/critical advisories');
process.exit(failed ? 1 : 0);
