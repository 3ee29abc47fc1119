import type { DnaImportSummary } from './importMapping';

/** The import summary as the CLI prints it and the editor shows it (VS Code's Standpoint output). */

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export function importReport(summary: DnaImportSummary, output: string): string {
  const { statements, entities, approximations } = summary;
  const lines: string[] = [];
  lines.push(`Imported a DNA ${summary.version} database into ${output}:`);
  lines.push(`  documents      ${summary.documents} (${count(summary.annotationFiles, 'annotation file')})`);
  lines.push(`  statements     ${statements.imported} of type "${summary.statementType}" imported, of ${statements.total} in the database`);
  for (const other of statements.otherTypes) lines.push(`                 ${other.count} of type "${other.type}" not imported (another statement type)`);
  if (statements.skipped.length) lines.push(`                 ${statements.skipped.length} of type "${summary.statementType}" not imported (listed below)`);
  lines.push(`  entities       ${count(entities.persons, 'person')}, ${count(entities.organizations, 'organisation')} (actors), ${count(entities.topics, 'concept')} (topics)`);
  lines.push(`  coders         ${summary.coders.length ? summary.coders.map((c) => (c.name === c.id ? c.id : `${c.name} → ${c.id}`)).join(', ') : 'none'}`);
  lines.push(
    `  stances        ${summary.qualifier === 'boolean' ? 'boolean qualifier: 1 → supports, 0 → opposes' : summary.qualifier === 'integer' ? 'integer qualifier: one stance per value, polarities scaled to −1…1 (codebook.yaml)' : 'no qualifier: every stance is neutral'}`,
  );
  const approximated: string[] = [];
  if (approximations.overSeveralSentences)
    approximated.push(
      `${count(approximations.overSeveralSentences, 'statement')} ${approximations.overSeveralSentences === 1 ? 'runs' : 'run'} over several sentences: annotated on the first, the note keeps the whole span`,
    );
  const otherInexact = approximations.spanInNote - approximations.overSeveralSentences;
  if (otherInexact > 0) approximated.push(`${count(otherInexact, 'statement')} not exactly a sentence or a quote (e.g. spaces selected): the note keeps the span`);
  for (const entry of approximations.severalOrganizations) {
    approximated.push(
      `${entry.person} is coded with several organisations: affiliation ${entry.chosen} (most statements); also ${entry.others.map((o) => `${o.name} (${count(o.statements, 'statement')})`).join(', ')} — each statement keeps its own in \`actors\``,
    );
  }
  if (approximated.length) lines.push('Approximated:', ...approximated.map((line) => `  - ${line}`));
  const notCarried = [...summary.notCarried, ...statements.skipped.map((s) => `statement ${s.id} in "${s.document}": ${s.reason}`)];
  if (notCarried.length) lines.push('Not carried over:', ...notCarried.map((line) => `  - ${line}`));
  lines.push(`Check it with: standpoint check ${output}`);
  return `${lines.join('\n')}\n`;
}
