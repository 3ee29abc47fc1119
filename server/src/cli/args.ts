/** The command line's options: `--flag`, `--flag value`, `--flag=value`, and repeatable flags. */

/** A mistake on the command line: printed with a pointer to --help, exit status 2. */
export class UsageError extends Error {}

export interface ParsedArgs {
  readonly positional: string[];
  /** The last value of each flag given (`true` for a flag without a value). */
  readonly flags: Map<string, string | true>;
  /** Every value of each repeatable flag, in the order given. */
  readonly lists: Map<string, string[]>;
}

export interface ArgSpec {
  /** Flags that take a value. */
  readonly withValue?: readonly string[];
  /** Flags without a value. */
  readonly boolean?: readonly string[];
  /** Flags that take a value and may be given several times. */
  readonly repeatable?: readonly string[];
  /** Explains a flag this command does not take (e.g. which other command has it); else "unknown option". */
  readonly elsewhere?: (flag: string) => string | undefined;
}

/** Parses the arguments; only the flags named are accepted. */
export function parseArgs(args: readonly string[], spec: ArgSpec): ParsedArgs {
  const withValue = spec.withValue ?? [];
  const boolean = spec.boolean ?? [];
  const repeatable = spec.repeatable ?? [];
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (withValue.includes(name) || repeatable.includes(name)) {
      // A flag right after it is not its value (`--coder --output x` forgot the coder); `-1` may be.
      const value = inline ?? (args[i + 1]?.startsWith('--') ? undefined : args[++i]);
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      flags.set(name, value);
      if (repeatable.includes(name)) lists.set(name, [...(lists.get(name) ?? []), value]);
    } else if (boolean.includes(name) && inline === undefined) {
      flags.set(name, true);
    } else if (boolean.includes(name)) {
      throw new UsageError(`${name} takes no value`);
    } else {
      throw new UsageError(spec.elsewhere?.(name) ?? `unknown option ${arg}`);
    }
  }
  return { positional, flags, lists };
}
