import type { YNode as Node } from './ynode';
import type { Problem } from '../problems';
import type { Span } from '../text/lineMap';
import { suggestIds } from '../text/editDistance';
import { isMap, isScalar, isSeq, scalarText, type Located, type MapEntry, type YamlReader } from './yamlReader';

/** Describes a YAML node's kind in words an analyst understands. */
export function describeNode(node: Node | undefined): string {
  if (node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping (key: value pairs)';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    if (typeof node.value === 'number') return `the number ${scalarText(node)}`;
    if (typeof node.value === 'boolean') return `the boolean ${scalarText(node)}`;
    if (node.value === null) return 'nothing';
    return 'text';
  }
  return 'an unsupported value';
}

export function schemaError(span: Span, message: string): Problem {
  return { code: 'schema', span, message };
}

/** Warns about keys the format does not know, suggesting the key probably meant. */
export function checkKnownKeys(entries: readonly MapEntry[], known: readonly string[], where: string, problems: Problem[]): void {
  for (const entry of entries) {
    if (known.includes(entry.key)) continue;
    const [suggestion] = suggestIds(
      entry.key,
      known.map((id) => ({ id })),
      1,
    );
    const hint = suggestion ? ` Did you mean \`${suggestion}\`?` : ` Known keys: ${known.map((k) => `\`${k}\``).join(', ')}.`;
    problems.push({ code: 'schema', severity: 'warning', span: entry.keySpan, message: `Unknown key \`${entry.key}\` in ${where}; it is ignored.${hint}` });
  }
}

/** Reports keys that appear twice when the YAML parser did not (e.g. via merge keys); returns entries by key. */
export function entriesByKey(entries: readonly MapEntry[]): Map<string, MapEntry> {
  const map = new Map<string, MapEntry>();
  for (const entry of entries) if (!map.has(entry.key)) map.set(entry.key, entry);
  return map;
}

/** A scalar value as text; wrong kinds are a schema error. */
export function readText(reader: YamlReader, entry: MapEntry, what: string, problems: Problem[]): Located<string> | undefined {
  const node = entry.value;
  if (node === undefined) return undefined;
  if (!isScalar(node)) {
    problems.push(schemaError(entry.valueSpan, `\`${entry.key}\` must be ${what}, not ${describeNode(node)}.`));
    return undefined;
  }
  return { value: scalarText(node), span: reader.spanOf(node, entry.valueSpan) };
}

/** A list of scalar texts; a single scalar is accepted as a one-item list after a schema error. */
export function readTextList(reader: YamlReader, entry: MapEntry, example: string, problems: Problem[]): Located<string>[] {
  const node = entry.value;
  if (node === undefined) return [];
  if (isScalar(node)) {
    problems.push(schemaError(entry.valueSpan, `\`${entry.key}\` must be a list, e.g. \`${entry.key}: [${example}]\`.`));
    return [{ value: scalarText(node), span: reader.spanOf(node, entry.valueSpan) }];
  }
  const items = reader.items(node);
  if (!items) {
    problems.push(schemaError(entry.valueSpan, `\`${entry.key}\` must be a list, e.g. \`${entry.key}: [${example}]\`, not ${describeNode(node)}.`));
    return [];
  }
  const spans = reader.itemSpans(node);
  const result: Located<string>[] = [];
  items.forEach((item, i) => {
    if (isScalar(item) && item.value !== null) result.push({ value: scalarText(item), span: spans[i] });
    else if (!(item === undefined && reader.aliasBomb)) problems.push(schemaError(spans[i], `Each item of \`${entry.key}\` must be a single value, not ${describeNode(item)}.`));
  });
  return result;
}
