/**
 * Colours from VS Code's theme. Webviews get every theme colour as a CSS
 * variable (`--vscode-editor-background`, and the extension's own
 * `--vscode-standpoint-supportsRuler`, …); WebGL needs them as numbers, so they
 * are read here and read again when the theme changes.
 */
export interface Rgba {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  readonly a: number;
}

export interface Palette {
  readonly background: string;
  readonly foreground: string;
  readonly muted: string;
  readonly border: string;
  readonly supports: string;
  readonly opposes: string;
  readonly mixed: string;
  readonly neutral: string;
  readonly target: string;
  readonly highlight: string;
  /** Colours of actor types, in order. */
  readonly types: readonly string[];
  readonly fontFamily: string;
  readonly fontSize: number;
}

/** Dark-theme defaults, used when a variable is missing (a test page, an old VS Code). */
export const FALLBACK_PALETTE: Palette = {
  background: '#1e1e1e',
  foreground: '#cccccc',
  muted: '#9d9d9d',
  border: '#454545',
  supports: '#2ea043',
  opposes: '#f85149',
  mixed: '#d29922',
  neutral: '#8c959f',
  target: '#9d9d9d',
  highlight: '#0078d4',
  types: ['#3794ff', '#b180d7', '#d18616', '#cca700', '#4ec9b0', '#c586c0'],
  fontFamily: 'system-ui, sans-serif',
  fontSize: 13,
};

const HEX = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const RGB = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+%?)\s*)?\)$/i;

/** A CSS colour in the forms VS Code's variables use (#rgb, #rgba, #rrggbb, #rrggbbaa, rgb(), rgba()); undefined otherwise. */
export function parseColour(text: string): Rgba | undefined {
  const value = text.trim();
  const hex = HEX.exec(value);
  if (hex) {
    let digits = hex[1];
    if (digits.length <= 4) digits = [...digits].map((d) => d + d).join('');
    const byte = (i: number) => parseInt(digits.slice(i, i + 2), 16);
    return { r: byte(0), g: byte(2), b: byte(4), a: digits.length === 8 ? Math.round((byte(6) / 255) * 1000) / 1000 : 1 };
  }
  const rgb = RGB.exec(value);
  if (rgb) {
    const channel = (s: string) => Math.max(0, Math.min(255, Math.round(Number(s))));
    const alpha = rgb[4] === undefined ? 1 : rgb[4].endsWith('%') ? Number(rgb[4].slice(0, -1)) / 100 : Number(rgb[4]);
    if (!Number.isFinite(alpha)) return undefined;
    return { r: channel(rgb[1]), g: channel(rgb[2]), b: channel(rgb[3]), a: Math.max(0, Math.min(1, alpha)) };
  }
  return undefined;
}

/** `rgba(r, g, b, a)`, which both sigma.js and SVG read. */
export const formatColour = ({ r, g, b, a }: Rgba): string => `rgba(${r}, ${g}, ${b}, ${a})`;

/** A colour made opaque over a background (WebGL blends poorly with translucent theme colours). */
export function over(colour: Rgba, background: Rgba): Rgba {
  const mix = (c: number, d: number) => Math.round(c * colour.a + d * (1 - colour.a));
  return { r: mix(colour.r, background.r), g: mix(colour.g, background.g), b: mix(colour.b, background.b), a: 1 };
}

/** Reads the palette from CSS variables; `read(name)` returns a variable's value ('' when unset). */
export function readPalette(read: (name: string) => string): Palette {
  const background = parseColour(read('--vscode-editor-background')) ?? parseColour(FALLBACK_PALETTE.background)!;
  const colour = (names: readonly string[], fallback: string): string => {
    for (const name of names) {
      const parsed = parseColour(read(name));
      if (parsed) return formatColour(over(parsed, background));
    }
    return formatColour(over(parseColour(fallback)!, background));
  };
  const F = FALLBACK_PALETTE;
  const size = Number.parseFloat(read('--vscode-font-size'));
  return {
    background: formatColour(background),
    foreground: colour(['--vscode-editor-foreground', '--vscode-foreground'], F.foreground),
    muted: colour(['--vscode-descriptionForeground'], F.muted),
    border: colour(['--vscode-panel-border', '--vscode-widget-border'], F.border),
    supports: colour(['--vscode-standpoint-supportsRuler', '--vscode-charts-green'], F.supports),
    opposes: colour(['--vscode-standpoint-opposesRuler', '--vscode-charts-red'], F.opposes),
    mixed: colour(['--vscode-standpoint-mixedRuler', '--vscode-charts-yellow'], F.mixed),
    neutral: colour(['--vscode-standpoint-taggedRuler', '--vscode-charts-lines'], F.neutral),
    target: colour(['--vscode-descriptionForeground'], F.target),
    highlight: colour(['--vscode-focusBorder'], F.highlight),
    types: [
      colour(['--vscode-charts-blue'], F.types[0]),
      colour(['--vscode-charts-purple'], F.types[1]),
      colour(['--vscode-charts-orange'], F.types[2]),
      colour(['--vscode-charts-yellow'], F.types[3]),
      colour(['--vscode-terminal-ansiCyan'], F.types[4]),
      colour(['--vscode-terminal-ansiMagenta'], F.types[5]),
    ],
    fontFamily: read('--vscode-font-family').trim() || F.fontFamily,
    fontSize: Number.isFinite(size) && size > 0 ? size : F.fontSize,
  };
}

/** The palette of this document, from its computed style. */
export function documentPalette(): Palette {
  const style = getComputedStyle(document.documentElement);
  return readPalette((name) => style.getPropertyValue(name));
}

/** Calls `changed` when VS Code switches theme (it changes the body's class and the variables). */
export function onThemeChange(changed: () => void): () => void {
  const observer = new MutationObserver(changed);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
  return () => observer.disconnect();
}
