/**
 * A large annotation file that `yaml` must parse whole (one with a syntax
 * error) is parsed elsewhere (issue 10: a 7 MB one held the language server
 * for 20–40 s): the service hands it to `parseElsewhere` and answers other
 * files meanwhile; the server's worker parser gives back the model a parse
 * here gives. Timings are in the bench (W rows), not here.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService, isOperationCancelled, type ParseElsewhere } from '../src/service/index';
import { InMemoryWorkspace } from '../src/service/inMemoryWorkspace';
import { modelHead, parseAnnotationFile, type AnnotationFileModel } from '../src/service/model/annotationFile';
import { workerParser } from '../src/node/parseWorker';
import { parseAnnotationFileInSteps } from '../src/service/model/stepwiseParse';
import { ARTICLE, CODEBOOK } from './helpers';

const HEAD = 'article: ../articles/riyadh.txt\nannotations:\n';
const item = (k: number) => `  - id: a${k}\n    sentence: ${(k % 5) + 1}\n    actors: [${k % 2 ? 'us' : 'russia'}]\n    note: “Coder note ${k}” — 🇺🇦\n`;
/** About 60 KB: parsed in steps from 8 KB on (the pacing below). */
const CLEAN = HEAD + Array.from({ length: 800 }, (_, k) => item(k)).join('');
/** The same with an unclosed quote in item 600: no step can take it, only a whole parse. */
const BROKEN = CLEAN.replace('note: “Coder note 600”', 'note: "Coder note 600');
const NEIGHBOUR = `${HEAD}  - sentence: 3\n    actors: [Moscow]\n`;

const FILES = { 'codebook.yaml': CODEBOOK, 'articles/riyadh.txt': ARTICLE, 'annotations/neighbour.stance.yaml': NEIGHBOUR };
const setImmediateYield = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Gives way until `condition` holds, or for at most 20,000 turns (then the assertions that follow fail, not hang). */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 20_000 && !condition(); turn++) await setImmediateYield();
}

interface Request {
  readonly text: string;
  readonly wanted: () => boolean;
  readonly answer: (model: AnnotationFileModel | undefined) => void;
}

/** A service whose whole parses wait in `requests` until the test answers them. */
function serviceParsingElsewhere(big: string) {
  const requests: Request[] = [];
  const parseElsewhere: ParseElsewhere = (text, wanted) => new Promise((answer) => requests.push({ text, wanted, answer }));
  const ws = new InMemoryWorkspace({ ...FILES, 'annotations/big.stance.yaml': big });
  const service = createLanguageService({ workspace: ws, yieldToEvents: setImmediateYield, pacing: { parseInStepsFrom: 8000, stepChars: 4000 }, parseElsewhere });
  return { ws, service, requests };
}

/** What a service that parses everything itself finds. */
async function fresh(big: string, file: string): Promise<Diagnostic[]> {
  const ws = new InMemoryWorkspace({ ...FILES, 'annotations/big.stance.yaml': big });
  const service = createLanguageService({ workspace: ws });
  await service.initialize();
  return service.diagnostics(ws.uri(file));
}

describe('a large file that must be parsed whole is parsed elsewhere', () => {
  it('is handed over whole, and other files are checked and hovered while it is parsed', async () => {
    const { ws, service, requests } = serviceParsingElsewhere(BROKEN);
    const big = ws.uri('annotations/big.stance.yaml');
    let bigDone = false;
    const bigDiagnostics = service.diagnostics(big).then((diagnostics) => {
      bigDone = true;
      return diagnostics;
    });
    await until(() => requests.length > 0);
    expect(requests.map((request) => request.text)).toEqual([BROKEN]);
    // The neighbour's diagnostics and a hover on its sentence number, answered while the big file waits for its parse.
    const neighbour = ws.uri('annotations/neighbour.stance.yaml');
    expect(await service.diagnostics(neighbour)).toEqual(await fresh(BROKEN, 'annotations/neighbour.stance.yaml'));
    const hover = await service.hover(neighbour, { line: 2, character: 14 });
    expect(JSON.stringify(hover)).toContain('Sentence 3');
    expect(bigDone).toBe(false);
    expect(requests[0].wanted()).toBe(true);
    // The parse comes back (here: made by the test), and the big file is checked with it.
    requests[0].answer(parseAnnotationFile(BROKEN));
    expect(await bigDiagnostics).toEqual(await fresh(BROKEN, 'annotations/big.stance.yaml'));
    expect((await bigDiagnostics).filter((d) => d.code === 'yaml-syntax')).toHaveLength(1);
  });

  it('a clean large file is parsed in steps here, not handed over', async () => {
    const { ws, service, requests } = serviceParsingElsewhere(CLEAN);
    expect(await service.diagnostics(ws.uri('annotations/big.stance.yaml'))).toEqual(await fresh(CLEAN, 'annotations/big.stance.yaml'));
    expect(requests).toEqual([]);
  });

  it('a step only yaml could read (a flow list over two lines) is not parsed here either: the file goes elsewhere whole', async () => {
    // Valid YAML, but item 600's actors are a flow list over two lines: the fast builders cannot read that step.
    const twoLineList = CLEAN.replace('  - id: a600\n    sentence: 1\n    actors: [russia]\n', '  - id: a600\n    sentence: 1\n    actors: [russia,\n      us]\n');
    expect(twoLineList).not.toBe(CLEAN);
    const parsed: string[] = [];
    const model = await parseAnnotationFileInSteps(twoLineList, setImmediateYield, 4000, async (text) => {
      parsed.push(text);
      return parseAnnotationFile(text);
    });
    expect(parsed).toEqual([twoLineList]);
    expect(model.annotations[600].actors.map((actor) => actor.value)).toEqual(['russia', 'us']);
    // Without anywhere else to go, the step is parsed here (in steps), with the same result.
    const here = await parseAnnotationFileInSteps(twoLineList, setImmediateYield, 4000);
    expect(here.annotations).toEqual(model.annotations);
  });

  it('parsed here when the other side cannot (undefined while still wanted)', async () => {
    const { ws, service, requests } = serviceParsingElsewhere(BROKEN);
    const pending = service.diagnostics(ws.uri('annotations/big.stance.yaml'));
    await until(() => requests.length > 0);
    expect(requests).toHaveLength(1);
    requests[0].answer(undefined);
    expect(await pending).toEqual(await fresh(BROKEN, 'annotations/big.stance.yaml'));
  });

  it('an edit while it is parsed: the old text is no longer wanted, its check is cancelled, and the new text is parsed', async () => {
    const { ws, service, requests } = serviceParsingElsewhere(BROKEN);
    const big = ws.uri('annotations/big.stance.yaml');
    const first = service.check([big]).then(
      () => 'finished',
      (error: unknown) => (isOperationCancelled(error) ? 'cancelled' : String(error)),
    );
    await until(() => requests.length > 0);
    const edited = BROKEN.replace('note: “Coder note 7”', 'note: “Coder note 8”');
    ws.write('annotations/big.stance.yaml', edited);
    service.changed([big]);
    expect(requests[0].wanted()).toBe(false);
    requests[0].answer(undefined);
    expect(await first).toBe('cancelled');
    const second = service.diagnostics(big);
    await until(() => requests.length > 1);
    expect(requests[1].text).toBe(edited);
    requests[1].answer(parseAnnotationFile(edited));
    expect(await second).toEqual(await fresh(edited, 'annotations/big.stance.yaml'));
  });
});

describe('the language server’s worker parser', () => {
  const script = path.resolve(__dirname, '../../dist/server.js');
  const parse = workerParser(script);
  afterAll(() => undefined);

  /** A model as it comes back: the `annotations` entry without its item nodes (modelHead), the rest equal. */
  const expected = (text: string) => {
    const model = parseAnnotationFile(text);
    return { ...model, topLevel: modelHead(model).topLevel };
  };

  it.runIf(existsSync(script))(
    'gives the model a parse here gives (BOM, CRLF, emoji, a syntax error; more annotations than one piece holds)',
    async () => {
      const many = HEAD + Array.from({ length: 4500 }, (_, k) => item(k)).join('');
      for (const text of [BROKEN, `\uFEFF${BROKEN.replace(/\n/g, '\r\n')}`, many.replace('note: “Coder note 4000”', 'note: [unclosed')]) {
        const model = await parse(text, () => true);
        expect(model).toEqual(expected(text));
        // Offsets and ranges as a parse here has them (UTF-16, CRLF): spot-check one annotation by hand.
        const at = text.indexOf('a123');
        expect(model!.annotations[123].id).toEqual({ value: 'a123', span: { start: at, end: at + 4 } });
      }
    },
    60_000,
  );

  it.runIf(existsSync(script))('stops when the text is no longer wanted', async () => {
    let wanted = true;
    const pending = parse(BROKEN, () => wanted);
    wanted = false;
    expect(await pending).toBeUndefined();
  });
});
