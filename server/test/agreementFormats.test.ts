/**
 * The agreement report as text, JSON and CSV. The corpus is small enough that
 * every figure and every line of the expected output is worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { checkMinAlpha, computeAgreement, isUsageError } from '../src/service/analysis/agreement';
import type { AgreementArticleInput, AgreementReport } from '../src/service/analysis/types';
import { renderAgreementCsv, renderAgreementDisagreementsCsv, renderAgreementJson, writeAgreement } from '../src/formats/agreement';
import { renderAgreementText } from '../src/formats/agreementText';

const ANA = 'annotations/canal-levy.ana.stance.yaml';
const BEN = 'annotations/canal-levy.ben.stance.yaml';

/**
 * canal-levy, 3 sentences. ana: s1 egypt, stance egypt → levy supports; s2 egypt. ben: s1 egypt, egypt → levy opposes.
 * sentences: s1 (1,1) s2 (1,0) s3 (0,0): o11 = 2, o10 = o01 = 1, o00 = 2; n1 = n0 = 3, n = 6;
 *   α = 1 − 5·2/(2·3·3) = 4/9 = 0.444; agreement 4/6. actors: 3 sentences × {egypt}, the same units: 0.444.
 * stances: one unit (supports, opposes): α = 1 − 1·2/(4 − 2) = 0; agreement 0. polarity (1, −1): 1 − 1·8/8 = 0.
 * pair ana/ben: sentences 11, 10, 00: p_o = 2/3, p_e = (2/3)(1/3) + (1/3)(2/3) = 4/9, κ = (2/9)/(5/9) = 0.4;
 *   actors the same; stances κ = 1 − 1/1 = 0; polarity κ_w = 1 − 4/4 = 0.
 */
const CANAL: AgreementArticleInput = {
  article: 'articles/canal-levy.txt',
  sentences: 3,
  files: [
    {
      file: ANA,
      coder: 'ana',
      annotations: [
        { sentence: 1, line: 4, actors: ['egypt'], stances: [{ actor: 'egypt', toward: 'levy', stance: 'supports', polarity: 1, line: 6 }] },
        { sentence: 2, line: 9, actors: ['egypt'], stances: [] },
      ],
    },
    {
      file: BEN,
      coder: 'ben',
      annotations: [{ sentence: 1, line: 4, actors: ['egypt'], stances: [{ actor: 'egypt', toward: 'levy', stance: 'opposes', polarity: -1, line: 6 }] }],
    },
  ],
};

const DAM: AgreementArticleInput = {
  article: 'articles/dam-talks.txt',
  sentences: 2,
  files: [{ file: 'annotations/dam-talks.ana.stance.yaml', coder: 'ana', annotations: [] }],
};

function report(articles: AgreementArticleInput[]): AgreementReport {
  const result = computeAgreement(articles);
  if (isUsageError(result)) throw new Error(result.message);
  return result;
}

describe('text', () => {
  it('levels, pairs, disagreements by article and sentence, skipped articles', () => {
    const text = renderAgreementText(report([DAM, CANAL]));
    expect(text).toBe(
      [
        'Agreement between 2 coders (ana, ben) on 1 article',
        '1 article skipped (fewer than two coders) (see below).',
        '',
        'Level      Alpha  Units  Pairable  Agreement',
        'sentences  0.444      3         6      66.7%',
        'actors     0.444      3         6      66.7%',
        'stances    0.000      1         2       0.0%',
        'polarity   0.000      1         2       0.0%',
        "Krippendorff's alpha: ≥ 0.800 reliable, ≥ 0.667 for tentative conclusions only, below that not reliable.",
        '',
        "Pairs of coders: percent agreement and Cohen's kappa (polarity: quadratic-weighted kappa)",
        'Pair       Articles             sentences  actors  stances  polarity',
        'ana / ben         1  agreement      66.7%   66.7%     0.0%      0.0%',
        '                     kappa          0.400   0.400    0.000     0.000',
        '',
        'Disagreements (3)',
        '',
        'articles/canal-levy.txt',
        '  sentence 1',
        '    egypt → levy: ana supports, ben opposes',
        `      ${ANA}:6  ${BEN}:6`,
        '  sentence 2',
        '    annotated: ana yes, ben no',
        `      ${ANA}:9`,
        '    actor egypt: ana yes, ben no',
        `      ${ANA}:9`,
        '',
        'Skipped (1: fewer than two compared coders)',
        '  articles/dam-talks.txt (ana)',
        '',
      ].join('\n'),
    );
  });

  it('undefined figures show as a dash with their reason; the gate outcome comes last', () => {
    const quiet = report([
      {
        article: 'a.txt',
        sentences: 2,
        files: [
          { file: 'x.stance.yaml', coder: 'x', annotations: [{ sentence: 1, line: 3, actors: ['us'], stances: [] }] },
          { file: 'y.stance.yaml', coder: 'y', annotations: [{ sentence: 1, line: 3, actors: ['us'], stances: [] }] },
        ],
      },
    ]);
    const text = renderAgreementText(quiet, { gate: checkMinAlpha(quiet, 0.8) });
    // sentences (1,1), (0,0): α = 1. actors: 2 sentences × {us}, the same: 1. No stances: undefined.
    expect(text).toContain('sentences  1.000      2         4     100.0%\n');
    expect(text).toContain('stances        —      0         0          —  fewer than two pairable values\n');
    expect(text).toContain('No disagreements.\n');
    expect(text.endsWith('\n--min-alpha 0.8: passed\n')).toBe(true);
    const failing = renderAgreementText(report([DAM, CANAL]), { gate: checkMinAlpha(report([DAM, CANAL]), 0.667) });
    expect(failing.endsWith('\n--min-alpha 0.667: failed, alpha below 0.667: sentences 0.444, actors 0.444, stances 0.000, polarity 0.000\n')).toBe(true);
  });

  it('with nothing compared, says so', () => {
    expect(renderAgreementText(report([DAM]))).toBe(
      [
        'Agreement between 0 coders on 0 articles',
        '1 article skipped (fewer than two coders) (see below).',
        '',
        'No article has annotation files from two or more coders: nothing to compare.',
        '',
        'Skipped (1: fewer than two compared coders)',
        '  articles/dam-talks.txt (ana)',
        '',
      ].join('\n'),
    );
  });
});

describe('JSON', () => {
  it('parses back to the report, one list entry per line', () => {
    const result = report([DAM, CANAL]);
    const json = renderAgreementJson(result);
    expect(JSON.parse(json)).toEqual(result);
    const lines = json.split('\n');
    expect(lines[0]).toBe('{');
    expect(lines[1]).toBe('  "coders": [');
    expect(lines[2]).toBe('    "ana",');
    const start = lines.indexOf('  "disagreements": [');
    expect(start).toBeGreaterThan(0);
    expect(lines[start + 1]).toBe(
      `    {"article":"articles/canal-levy.txt","level":"stances","sentence":1,"actor":"egypt","target":"levy","values":{"ana":"supports","ben":"opposes"},"polarities":{"ana":1,"ben":-1},"places":[{"file":"${ANA}","line":6,"coder":"ana"},{"file":"${BEN}","line":6,"coder":"ben"}]},`,
    );
    expect(lines[start + 4]).toBe('  ],');
    expect(json).toContain('\n  "conflicts": [],\n');
    expect(json.endsWith('}\n')).toBe(true);
  });
});

describe('CSV', () => {
  it('figures: one row per scope and level, numbers as numbers', () => {
    const text = renderAgreementCsv(report([DAM, CANAL]));
    expect(text).toBe(
      [
        'scope,article,coder_a,coder_b,level,alpha,kappa,agreement,units,pairable,articles,reason',
        'corpus,,,,sentences,0.444444444444,,0.666666666667,3,6,1,',
        'corpus,,,,actors,0.444444444444,,0.666666666667,3,6,1,',
        'corpus,,,,stances,0,,0,1,2,1,',
        'corpus,,,,polarity,0,,0,1,2,1,',
        'pair,,ana,ben,sentences,,0.4,0.666666666667,3,,1,',
        'pair,,ana,ben,actors,,0.4,0.666666666667,3,,1,',
        'pair,,ana,ben,stances,,0,0,1,,1,',
        'pair,,ana,ben,polarity,,0,0,1,,1,',
        'article,articles/canal-levy.txt,,,sentences,0.444444444444,,0.666666666667,3,6,,',
        'article,articles/canal-levy.txt,,,actors,0.444444444444,,0.666666666667,3,6,,',
        'article,articles/canal-levy.txt,,,stances,0,,0,1,2,,',
        'article,articles/canal-levy.txt,,,polarity,0,,0,1,2,,',
        '',
      ].join('\r\n'),
    );
  });

  it('disagreements: one row per disagreement and coder', () => {
    expect(renderAgreementDisagreementsCsv(report([DAM, CANAL]))).toBe(
      [
        'article,sentence,level,actor,target,coder,value,polarity,places',
        `articles/canal-levy.txt,1,stances,egypt,levy,ana,supports,1,${ANA}:6`,
        `articles/canal-levy.txt,1,stances,egypt,levy,ben,opposes,-1,${BEN}:6`,
        `articles/canal-levy.txt,2,sentences,,,ana,1,,${ANA}:9`,
        'articles/canal-levy.txt,2,sentences,,,ben,0,,',
        `articles/canal-levy.txt,2,actors,egypt,,ana,1,,${ANA}:9`,
        'articles/canal-levy.txt,2,actors,egypt,,ben,0,,',
        '',
      ].join('\r\n'),
    );
  });

  it('text cells that a spreadsheet would run as formulas get a leading quote; negative numbers do not', () => {
    const hostile: AgreementArticleInput = {
      ...CANAL,
      article: '=HYPERLINK("http://example.invalid","x").txt',
      files: CANAL.files.map((file) => ({ ...file, file: `-${file.file}`, coder: `@${file.coder}` })),
    };
    const sentencesBelowZero: AgreementArticleInput = {
      article: '+tabs\t.txt',
      sentences: 2,
      files: [
        { file: 'x.stance.yaml', coder: 'x', annotations: [{ sentence: 1, line: 3, actors: [], stances: [] }] },
        { file: 'y.stance.yaml', coder: 'y', annotations: [{ sentence: 2, line: 3, actors: [], stances: [] }] },
      ],
    };
    const result = report([hostile, sentencesBelowZero]);
    for (const text of [renderAgreementCsv(result), renderAgreementDisagreementsCsv(result)]) {
      const rows: string[][] = parse(text, { relax_column_count: true });
      for (const row of rows) {
        for (const cell of row) {
          if (/^[=+@\t\r]/.test(cell) || (/^-/.test(cell) && Number.isNaN(Number(cell)))) throw new Error(`unescaped cell ${JSON.stringify(cell)}`);
        }
      }
      expect(text).toContain(`'=HYPERLINK(""http://example.invalid"",""x"").txt`);
      expect(text).toContain("'+tabs\t.txt");
    }
    // (x 1, y 0), (x 0, y 1): o10 = o01 = 2, n1 = n0 = 2, n = 4: α = 1 − 3·4/(2·2·2) = −0.5, written as a number.
    expect(renderAgreementCsv(result)).toContain("article,'+tabs\t.txt,,,sentences,-0.5,,0,2,4,,");
    expect(renderAgreementDisagreementsCsv(result)).toContain(`'@ana,supports,1,'-${ANA}:6`);
  });
});

describe('streaming', () => {
  // 700 sentences, ana annotates the odd ones and ben the even ones: 700 sentence and 700 actor disagreements.
  const many: AgreementArticleInput = {
    article: 'articles/long\u2028read.txt',
    sentences: 700,
    files: ['ana', 'ben'].map((coder, parity) => ({
      file: `annotations/long.${coder}.stance.yaml`,
      coder,
      annotations: Array.from({ length: 350 }, (_, i) => ({ sentence: 2 * i + 1 + parity, line: 3 + 4 * i, actors: ['us'], stances: [] })),
    })),
  };
  const result = report([many]);

  it('a long report comes in several chunks that join to the whole', () => {
    expect(result.disagreements).toHaveLength(1400);
    for (const format of ['text', 'json', 'csv'] as const) {
      const chunks = [...writeAgreement(result, format)];
      if (format !== 'csv') expect(chunks.length).toBeGreaterThan(1);
      expect(chunks.every((chunk) => chunk.endsWith('\n'))).toBe(true);
    }
    expect(JSON.parse([...writeAgreement(result, 'json')].join(''))).toEqual(result);
    const text = [...writeAgreement(result, 'text')].join('');
    expect(text.match(/^  sentence \d+$/gm)).toHaveLength(700);
    expect(text).toContain('  sentence 700\n    annotated: ana no, ben yes\n      annotations/long.ben.stance.yaml:1399\n    actor us: ana no, ben yes\n');
  });

  it('JSON escapes the line separators that line-splitting tools would break on', () => {
    const json = renderAgreementJson(result);
    expect(json).not.toContain('\u2028');
    expect(json).toContain('long\\u2028read.txt');
  });
});
