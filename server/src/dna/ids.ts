/**
 * Ids and file names derived from names, deterministically: the same set of
 * names gives the same ids whatever order a database lists them in, so
 * import → export → import writes the same files.
 */

const MAX_SLUG = 48;

/** Lower-case ASCII letters, digits and `-`, starting with a letter (accents dropped); '' when nothing is left. */
export function slugBase(name: string): string {
  let slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/['’]/g, '') // Kyiv’s → kyivs, not kyiv-s
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '');
  if (slug.length > MAX_SLUG) slug = slug.slice(0, MAX_SLUG).replace(/-[^-]*$/, '') || slug.slice(0, MAX_SLUG);
  return slug.replace(/-+$/, '');
}

/**
 * Hands out unique ids: the slug itself if free, else `slug-2`, `slug-3`, …;
 * a name with no usable letters gets `fallback-1`, `fallback-2`, ….
 */
export class IdAllocator {
  private readonly taken = new Set<string>();

  allocate(name: string, fallback: string): string {
    const base = slugBase(name);
    if (base && !this.taken.has(base)) return this.take(base);
    const stem = base || fallback;
    for (let n = base ? 2 : 1; ; n++) {
      const candidate = `${stem}-${n}`;
      if (!this.taken.has(candidate)) return this.take(candidate);
    }
  }

  has(id: string): boolean {
    return this.taken.has(id);
  }

  private take(id: string): string {
    this.taken.add(id);
    return id;
  }
}

/** Code-unit order (locale-independent, the same on every machine). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders paths so that `name` comes before `name-2`, `name-2` before
 * `name-10`: the order in which IdAllocator handed the names out.
 */
export function compareAllocated(a: string, b: string): number {
  const [baseA, nA] = splitSuffix(a);
  const [baseB, nB] = splitSuffix(b);
  return compareText(baseA, baseB) || nA - nB || compareText(a, b);
}

function splitSuffix(file: string): [string, number] {
  const withoutExtension = file.replace(/\.[^./]*$/, '');
  const match = /^(.*?)-(\d+)$/.exec(withoutExtension);
  return match ? [match[1], Number(match[2])] : [withoutExtension, 1];
}
