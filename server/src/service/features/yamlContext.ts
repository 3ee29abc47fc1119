/**
 * Where the cursor is in a YAML file that may be half-typed (and so not
 * parse): the chain of keys and sequence items above it, found from
 * indentation alone, and whether a key or a value is being typed.
 */

export type PathStep = { readonly kind: 'key'; readonly key: string; readonly line: number } | { readonly kind: 'item'; readonly line: number };

export interface CursorContext {
  /** Keys and items from the top of the document down to the cursor's mapping or sequence. */
  readonly path: readonly PathStep[];
  /** A key is being typed (`kind: 'key'`), a value of `key` (`'value'`), or an item of a list under `key` (`'list-item'`). */
  readonly kind: 'key' | 'value' | 'list-item';
  /** The key whose value (or list item) is being typed. */
  readonly key?: string;
  /** What has been typed of the word at the cursor, and where it starts. */
  readonly partial: string;
  readonly partialStart: number;
  /** Offsets of the word being replaced: from partialStart to the end of the token. */
  readonly replaceEnd: number;
  /** Keys already present in the mapping the cursor is in (for key completion). */
  readonly siblings: ReadonlySet<string>;
  /** The current line starts a sequence item (`- `), before the cursor. */
  readonly onDash: boolean;
  /** Column where a key at the cursor would start. */
  readonly column: number;
  /** Values already in the list being typed (flow list or block list). */
  readonly listValues: readonly string[];
  /** First line of the innermost sequence item containing the cursor (for reading its other keys). */
  readonly itemLine?: number;
  /** The value being typed opened with a quote mark (`"` or `'`). */
  readonly openQuote?: '"' | "'";
}

interface Shape {
  readonly blank: boolean;
  readonly dash?: number;
  readonly content: number;
  readonly key?: string;
  readonly keyColumn?: number;
}

const KEY = /^([A-Za-z_][\w-]*)\s*:(?=\s|$)/;

function shape(line: string): Shape {
  const trimmed = line.trimEnd(); // not /\s+$/: quadratic on a long run of spaces inside the line
  const indent = line.length - line.trimStart().length;
  if (!trimmed.trim() || trimmed.trimStart().startsWith('#')) return { blank: true, content: indent };
  let column = indent;
  let dash: number | undefined;
  let rest = line.slice(indent);
  const dashMatch = /^-(\s+|$)/.exec(rest);
  if (dashMatch) {
    dash = column;
    column += dashMatch[0].length;
    rest = rest.slice(dashMatch[0].length);
  }
  const keyMatch = KEY.exec(rest);
  return { blank: false, dash, content: column, key: keyMatch?.[1], keyColumn: keyMatch ? column : undefined };
}

export function splitLines(text: string): { lines: string[]; starts: number[] } {
  const lines: string[] = [];
  const starts: number[] = [];
  const pattern = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    lines.push(text.slice(start, m.index));
    starts.push(start);
    start = m.index + m[0].length;
  }
  lines.push(text.slice(start));
  starts.push(start);
  return { lines, starts };
}

export function cursorContext(text: string, offset: number): CursorContext {
  const { lines, starts } = splitLines(text);
  let lineIndex = starts.length - 1;
  while (lineIndex > 0 && starts[lineIndex] > offset) lineIndex--;
  const line = lines[lineIndex];
  const column = offset - starts[lineIndex];
  const prefix = line.slice(0, column);
  const path: PathStep[] = [];

  // The current line: its own item and key, and what is being typed.
  let kind: CursorContext['kind'];
  let key: string | undefined;
  let limit: number;
  let partial: string;
  let listValues: string[] = [];
  const indent = prefix.length - prefix.trimStart().length;
  const dashMatch = /^(\s*)-(\s+)/.exec(prefix);
  const onDash = dashMatch !== null;
  const afterDash = dashMatch ? dashMatch[0].length : indent;
  const body = prefix.slice(afterDash);
  const flow = flowContext(body);
  const keyValue = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(body);

  if (flow) {
    kind = flow.kind;
    key = flow.key;
    partial = flow.partial;
    listValues = flow.listValues;
    limit = afterDash;
    if (flow.outerKey && !flow.key) key = flow.outerKey;
  } else if (keyValue) {
    kind = 'value';
    key = keyValue[1];
    partial = keyValue[2];
    limit = afterDash;
  } else {
    partial = body;
    limit = onDash ? afterDash : column - partial.length;
    // `- value` under a key is a list item of that key's list.
    kind = 'key';
  }
  if (onDash) path.push({ kind: 'item', line: lineIndex });
  const walkLimit = onDash ? dashMatch![1].length : limit;

  let itemLine = onDash ? lineIndex : undefined;
  let limitNow = walkLimit;
  for (let i = lineIndex - 1; i >= 0 && limitNow > 0; i--) {
    const s = shape(lines[i]);
    if (s.blank) continue;
    if (s.dash !== undefined && s.dash < limitNow) {
      path.push({ kind: 'item', line: i });
      itemLine ??= i;
      limitNow = s.dash;
      continue;
    }
    if (s.keyColumn !== undefined && s.keyColumn < limitNow && s.dash === undefined) {
      path.push({ kind: 'key', key: s.key!, line: i });
      limitNow = s.keyColumn;
    } else if (s.content < limitNow && s.dash === undefined) {
      // A less-indented line that is not a key (a scalar continuation, an error): stop here.
      limitNow = s.content;
    }
  }
  path.reverse();

  // An item of a block list under a key (`actors:` then `- us`): a list item, not a key.
  if (onDash && !keyValue && !flow) {
    const parent = path[path.length - 2];
    if (parent?.kind === 'key') {
      kind = 'list-item';
      key = parent.key;
      path.pop();
      path.pop();
      path.push(parent);
      listValues = blockListValues(lines, lineIndex, dashMatch![1].length);
    }
  }
  if (kind === 'key' && !onDash && path.length && path[path.length - 1].kind === 'key') {
    // Typing under `key:` with deeper indentation and no dash: a key of that key's mapping.
  }

  const partialStart = offset - partial.length;
  const tokenRest = /^[^\s,\]}]*/.exec(line.slice(column))?.[0] ?? '';
  return {
    path,
    kind,
    key,
    partial: kind === 'value' ? partial.replace(/^["']/, '') : partial,
    partialStart: kind === 'value' && /^["']/.test(partial) ? partialStart + 1 : partialStart,
    replaceEnd: offset + (kind === 'value' && !flow ? line.length - column : tokenRest.length),
    siblings: siblingKeys(lines, lineIndex, kind === 'key' ? (onDash ? afterDash : limit) : limit, path),
    onDash,
    column: onDash ? afterDash : limit,
    listValues,
    itemLine,
    openQuote: kind === 'value' && /^["']/.test(partial) ? (partial[0] as '"' | "'") : undefined,
  };
}

/** Inside `{ … }` or `[ … ]` on the current line: which key or list is being typed. */
function flowContext(body: string): { kind: CursorContext['kind']; key?: string; outerKey?: string; partial: string; listValues: string[] } | undefined {
  let depth = 0;
  let openAt = -1;
  let opener = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '"' || ch === "'") {
      const close = body.indexOf(ch, i + 1);
      if (close === -1) break;
      i = close;
    } else if (ch === '[' || ch === '{') {
      if (depth === 0) {
        openAt = i;
        opener = ch;
      }
      depth++;
    } else if (ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) openAt = -1;
    }
  }
  if (depth <= 0 || openAt === -1) return undefined;
  const outerKey = /^([A-Za-z_][\w-]*)\s*:\s*$/.exec(body.slice(0, openAt))?.[1];
  const inside = body.slice(openAt + 1);
  const segment = inside.slice(inside.lastIndexOf(',') + 1);
  if (opener === '[') {
    const values = inside
      .split(',')
      .slice(0, -1)
      .map((v) => v.trim())
      .filter(Boolean);
    return { kind: 'list-item', key: outerKey, partial: segment.trimStart(), listValues: values };
  }
  const pair = /^\s*([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(segment);
  if (pair) return { kind: 'value', key: pair[1], partial: pair[2], listValues: [] };
  return { kind: 'key', partial: segment.trimStart(), listValues: [], outerKey: undefined };
}

function blockListValues(lines: readonly string[], lineIndex: number, dashColumn: number): string[] {
  const values: string[] = [];
  const collect = (i: number) => {
    const m = /^(\s*)-\s+(.*)$/.exec(lines[i]);
    if (m && m[1].length === dashColumn) values.push(m[2].trim());
    return m !== null && m[1].length === dashColumn;
  };
  for (let i = lineIndex - 1; i >= 0 && collect(i); i--);
  for (let i = lineIndex + 1; i < lines.length && collect(i); i++);
  return values;
}

/** Keys written at `column` in the same mapping as the cursor's line. */
function siblingKeys(lines: readonly string[], lineIndex: number, column: number, path: readonly PathStep[]): Set<string> {
  const keys = new Set<string>();
  const parent = path[path.length - 1];
  const from = parent ? parent.line : -1;
  for (let i = from + 1; i < lines.length; i++) {
    if (i === lineIndex) continue;
    const s = shape(lines[i]);
    if (s.blank) continue;
    if (i > lineIndex && (s.content < column || (s.dash !== undefined && s.dash < column))) break;
    if (i < lineIndex && s.dash !== undefined && s.dash < column && i !== from) {
      keys.clear();
      if (s.keyColumn === column && s.key) keys.add(s.key);
      continue;
    }
    if (s.keyColumn === column && s.key) keys.add(s.key);
  }
  if (parent?.kind === 'item') {
    const s = shape(lines[parent.line]);
    if (s.keyColumn === column && s.key && parent.line !== lineIndex) keys.add(s.key);
  }
  return keys;
}

/** The path as names: `annotations.-.stances.-` (items are `-`). */
export function pathString(path: readonly PathStep[]): string {
  return path.map((step) => (step.kind === 'item' ? '-' : step.key)).join('.');
}
