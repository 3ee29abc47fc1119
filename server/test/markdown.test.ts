import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../src/service/text/markdown';

describe('escapeMarkdown', () => {
  it('leaves ordinary prose alone', () => {
    expect(escapeMarkdown('The talks ended. Officials (two) said: “no deal” — 3.5% up!')).toBe('The talks ended. Officials (two) said: “no deal” — 3.5% up!');
  });

  it('escapes inline markers and block markers at line starts', () => {
    expect(escapeMarkdown('a *b* _c_ [d] <e> |f| `g`')).toBe('a \\*b\\* \\_c\\_ \\[d\\] \\<e\\> \\|f\\| \\`g\\`');
    expect(escapeMarkdown('# Heading')).toBe('\\# Heading');
    expect(escapeMarkdown('1. First\n- item\n> quote')).toBe('1\\. First\n\\- item\n\\> quote');
  });
});
