import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CLI, testEnvironment } from './support/lspClient';
import { DnaFixture, sqlJs } from './support/dnaFixture';
import { richDatabase } from './support/dnaSamples';

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: testEnvironment() });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const cleanup: string[] = [];
afterEach(() => {
  for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'standpoint-dna-cli-'));
  cleanup.push(dir);
  return dir;
}

function readTree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[path.relative(root, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return files;
}

describe('standpoint import dna / export dna', () => {
  it('imports a database, prints the summary, and the corpus passes standpoint check without errors', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'levy.dna'), (await richDatabase()).bytes());
    const result = run(['import', 'dna', 'levy.dna', '--output', 'corpus'], dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`Imported a DNA 3.0.11.5 database into corpus:
  documents      3 (4 annotation files)
  statements     8 of type "DNA Statement" imported, of 10 in the database
                 1 of type "Annotation" not imported (another statement type)
                 1 of type "NPF Story Element" not imported (another statement type)
  entities       7 persons, 6 organisations (actors), 2 concepts (topics)
  coders         Ana Ruiz → ana-ruiz, Ben Okafor → ben-okafor
  stances        boolean qualifier: 1 → supports, 0 → opposes
Approximated:
  - 1 statement runs over several sentences: annotated on the first, the note keeps the whole span
  - 1 statement not exactly a sentence or a quote (e.g. spaces selected): the note keeps the span
  - Aino Lehtinen is coded with several organisations: affiliation European Commission (most statements); also European Parliament (1 statement) — each statement keeps its own in \`actors\`
Not carried over:
  - entity attributes: Type (1)
  - the notes of 1 document
Check it with: standpoint check corpus
`);

    const check = run(['check', 'corpus', '--format', 'json'], dir);
    const findings = JSON.parse(check.stdout) as { severity: string; code: string; message: string }[];
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    // `coder:` and `document:` (with DNA's dates and sections) are known keys, and the files of one document agree.
    expect(findings.filter((f) => f.severity === 'warning')).toEqual([]);
    expect(check.status).toBe(0);
  });

  it('exits 2 with a clear message for a DNA 2 database, a file that is not SQLite, and a missing --output', async () => {
    const dir = folder();
    const SQL = await sqlJs();
    const old = new SQL.Database();
    old.run('CREATE TABLE SETTINGS(Property TEXT PRIMARY KEY, Value TEXT)');
    old.run("INSERT INTO SETTINGS VALUES ('version', '2.0 beta 25')");
    writeFileSync(path.join(dir, 'old.dna'), old.export());
    writeFileSync(path.join(dir, 'notes.txt'), 'Not a database, just notes.\n');

    const dna2 = run(['import', 'dna', 'old.dna', '--output', 'out'], dir);
    expect(dna2.status).toBe(2);
    expect(dna2.stderr).toContain('standpoint: old.dna is not a DNA 3 database (version 2.0 beta 25)');
    const text = run(['import', 'dna', 'notes.txt', '--output', 'out'], dir);
    expect(text.status).toBe(2);
    expect(text.stderr).toContain('standpoint: notes.txt is not a DNA database: DNA 3 databases are SQLite files, and this file is not one.');
    const missing = run(['import', 'dna', 'nowhere.dna', '--output', 'out'], dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(`No such file: ${path.join(dir, 'nowhere.dna')}`);
    const noOutput = run(['import', 'dna', 'old.dna'], dir);
    expect(noOutput.status).toBe(2);
    expect(noOutput.stderr).toContain('`import dna` needs --output DIR');
    const format = run(['import', 'csv', 'x'], dir);
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('cannot import `csv`; try `standpoint import dna`');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('refuses to overwrite without --force (exit 2), and overwrites with it', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'levy.dna'), (await DnaFixture.create()).bytes());
    expect(run(['import', 'dna', 'levy.dna', '--output', 'corpus'], dir).status).toBe(0);
    writeFileSync(path.join(dir, 'corpus', 'codebook.yaml'), 'actors: {}\n');
    const again = run(['import', 'dna', 'levy.dna', '--output', 'corpus'], dir);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('corpus already has codebook.yaml; nothing was written. Add --force to overwrite');
    expect(readFileSync(path.join(dir, 'corpus', 'codebook.yaml'), 'utf8')).toBe('actors: {}\n');
    expect(run(['import', 'dna', 'levy.dna', '--output', 'corpus', '--force'], dir).status).toBe(0);
    expect(readFileSync(path.join(dir, 'corpus', 'codebook.yaml'), 'utf8')).toContain('actors: {}\n\ntopics: {}\n');
  });

  it('exports the imported corpus as a DNA database that imports back into the same files', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'levy.dna'), (await richDatabase()).bytes());
    expect(run(['import', 'dna', 'levy.dna', '--output', 'corpus'], dir).status).toBe(0);
    const exported = run(['export', 'dna', 'corpus', '--output', 'back.dna', '--password', 'tern'], dir);
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    expect(exported.stdout).toBe(`Wrote the DNA 3 database back.dna:
  documents      3
  statements     8 (type "DNA Statement")
  entities       7 persons, 6 organizations, 2 concepts
  coders         Admin, ana-ruiz, ben-okafor
  qualifier      agreement (boolean): supports = 1, opposes = 0
`);
    expect(run(['import', 'dna', 'back.dna', '--output', 'again'], dir).status).toBe(0);
    expect(readTree(path.join(dir, 'again'))).toEqual(readTree(path.join(dir, 'corpus')));
  });
});
