/** Writing YAML scalars by hand, the way a person would: plain when safe, quoted when needed. */

const RESERVED_PLAIN = /^(?:true|false|yes|no|on|off|null|~|y|n)$/i;
const NUMBER_LIKE = /^[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$|^0x[0-9a-fA-F]+$|^0o[0-7]+$|^[-+]?\.(?:inf|nan)$/i;

/** Whether `text` can be written as a plain (unquoted) scalar and read back as the same string. */
export function isPlainSafe(text: string): boolean {
  if (!text || text !== text.trim()) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text) && !/^[-?:][^\s]/.test(text)) return false;
  if (/^[-?:]\s/.test(text)) return false;
  if (/:(\s|$)|\s#|[\r\n\t]/.test(text)) return false;
  if (/[,[\]{}]/.test(text)) return false; // safe in block context, but not inside flow collections
  if (RESERVED_PLAIN.test(text) || NUMBER_LIKE.test(text)) return false;
  return true;
}

export function doubleQuoted(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

export function singleQuoted(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

export type ScalarStyle = 'plain' | 'single' | 'double';

/** The scalar for `text`, in `style` if that style can hold it, else the next safest. */
export function yamlScalar(text: string, style: ScalarStyle = 'plain'): string {
  if (style === 'plain' && isPlainSafe(text)) return text;
  if (style === 'single' && !/[\r\n\t]/.test(text)) return singleQuoted(text);
  if (style === 'plain' && !/[\r\n\t]/.test(text) && !text.includes("'") && text.includes('"')) return singleQuoted(text);
  return doubleQuoted(text);
}

/** The style a scalar was written in, from its source text. */
export function styleOf(source: string): ScalarStyle {
  if (source.startsWith('"')) return 'double';
  if (source.startsWith("'")) return 'single';
  return 'plain';
}
