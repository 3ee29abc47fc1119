import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, networkParams, normalizationsFor, statementsParams, viewOptions } from '../../src/views/options';
import { MAX_IMAGE_CHARS, pageMessage } from '../../src/views/messages';

describe('view options', () => {
  it('keeps valid options as given', () => {
    const options = {
      type: 'affiliation',
      aggregate: 'subtract',
      normalize: 'activity',
      duplicates: 'week',
      coders: ['ana', ''],
      from: '2025-02-01',
      to: '2025-03-31',
      actors: 'affiliation',
      actorTypes: ['state'],
      scope: 'article',
      minWeight: 1.5,
    };
    expect(viewOptions(options)).toEqual(options);
  });

  it('mends what the CLI would refuse: a normalisation or aggregation the type does not allow becomes the default', () => {
    expect(viewOptions({ type: 'congruence', normalize: 'activity', aggregate: 'combine' })).toMatchObject({ type: 'congruence', normalize: 'none', aggregate: 'ignore' });
    expect(viewOptions({ type: 'affiliation', normalize: 'jaccard' })).toMatchObject({ normalize: 'none' });
    // combine gives codes 1-4, which no normalisation divides.
    expect(viewOptions({ type: 'affiliation', aggregate: 'combine', normalize: 'prominence' })).toMatchObject({ aggregate: 'combine', normalize: 'none' });
    expect(normalizationsFor('affiliation', 'combine')).toEqual(['none']);
    expect(normalizationsFor('conflict', 'ignore')).toEqual(['none', 'average', 'jaccard', 'cosine']);
  });

  it('turns anything else into the defaults, field by field', () => {
    expect(viewOptions(undefined)).toEqual(DEFAULT_OPTIONS);
    expect(viewOptions('congruence')).toEqual(DEFAULT_OPTIONS);
    expect(viewOptions({ type: 'pagerank', duplicates: 'sometimes', coders: 'ana', from: '1 May 2025', to: '2025-13', minWeight: -1, scope: 'galaxy', actorTypes: [1, 'state', 'state'] })).toEqual({
      ...DEFAULT_OPTIONS,
      actorTypes: ['state'],
    });
    expect(viewOptions({ minWeight: Number.POSITIVE_INFINITY }).minWeight).toBe(0);
  });

  it('fixes the matrix to the two-mode counts', () => {
    expect(viewOptions({ type: 'conflict', aggregate: 'subtract', normalize: 'cosine', minWeight: 4, duplicates: 'year' }, 'matrix')).toEqual({
      ...DEFAULT_OPTIONS,
      type: 'affiliation',
      duplicates: 'year',
    });
  });
});

describe('requests', () => {
  it('names only what differs from the CLI’s defaults', () => {
    expect(networkParams(DEFAULT_OPTIONS)).toEqual({ type: 'congruence' });
    expect(
      networkParams({
        ...DEFAULT_OPTIONS,
        type: 'affiliation',
        aggregate: 'subtract',
        normalize: 'activity',
        duplicates: 'article',
        minWeight: 2,
        coders: [''],
        actors: 'affiliation',
        actorTypes: ['person'],
        from: '2025-01-01',
      }),
    ).toEqual({
      type: 'affiliation',
      aggregate: 'subtract',
      normalize: 'activity',
      duplicates: 'article',
      minWeight: 2,
      coders: [''],
      actors: 'affiliation',
      actorTypes: ['person'],
      from: '2025-01-01',
    });
  });

  it('limits a scope-article request to that article, or to nothing when there is none', () => {
    const options = { ...DEFAULT_OPTIONS, scope: 'article' as const };
    expect(networkParams(options, 'file:///w/a.txt')).toEqual({ type: 'congruence', articles: ['file:///w/a.txt'] });
    expect(networkParams(options)).toEqual({ type: 'congruence', articles: [] });
    expect(networkParams(DEFAULT_OPTIONS, 'file:///w/a.txt')).toEqual({ type: 'congruence' });
  });

  it('asks for a tie’s or a node’s statements with the network type, the duplicate rule and the filters', () => {
    const options = { ...DEFAULT_OPTIONS, type: 'affiliation' as const, aggregate: 'subtract' as const, duplicates: 'week' as const, to: '2025-06-30', minWeight: 3 };
    expect(statementsParams(options, { tie: { source: 'us', target: 'target:russia' } })).toEqual({
      to: '2025-06-30',
      duplicates: 'week',
      aggregate: 'subtract',
      tie: { type: 'affiliation', source: 'us', target: 'target:russia' },
      limit: 200,
    });
    expect(statementsParams(DEFAULT_OPTIONS, { node: { key: 'nato' } })).toEqual({ node: { key: 'nato', type: 'congruence' }, limit: 200 });
  });
});

describe('page messages', () => {
  it('accepts the shapes a page sends, with options checked', () => {
    expect(pageMessage({ type: 'options', options: { type: 'conflict', normalize: 'activity' } }, 'network')).toEqual({ type: 'options', options: { ...DEFAULT_OPTIONS, type: 'conflict' } });
    expect(pageMessage({ type: 'statements', requestId: 3, query: { tie: { source: 'a', target: 'b' }, extra: 1 } }, 'network')).toEqual({
      type: 'statements',
      requestId: 3,
      query: { tie: { source: 'a', target: 'b' } },
    });
    expect(pageMessage({ type: 'open', requestId: 3, index: 0 }, 'matrix')).toEqual({ type: 'open', requestId: 3, index: 0 });
    expect(pageMessage({ type: 'exportImage', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"/>' }, 'network')).toMatchObject({ format: 'svg' });
    expect(pageMessage({ type: 'problem', message: 'x'.repeat(5000) }, 'network')).toEqual({ type: 'problem', message: 'x'.repeat(2000) });
  });

  it('refuses anything else', () => {
    const refused = [
      null,
      { type: 'eval', code: '1' },
      { type: 'open', requestId: 1.5, index: 0 },
      { type: 'open', requestId: 1, index: -1 },
      { type: 'statements', requestId: 1, query: { edge: {} } },
      { type: 'statements', requestId: 1, query: { node: { key: 'x'.repeat(201) } } },
      { type: 'export', format: 'exe' },
      { type: 'exportImage', format: 'svg', data: '<html><svg/></html>' },
      { type: 'exportImage', format: 'png', data: 'data:text/html;base64,PHA+' },
      { type: 'exportImage', format: 'png', data: `data:image/png;base64,${'A'.repeat(MAX_IMAGE_CHARS)}` },
      { type: 'showView', kind: 'terminal' },
      { type: 'rendered', nodes: 1, edges: 1, ms: Number.NaN },
    ];
    for (const message of refused) expect(pageMessage(message, 'network'), JSON.stringify(message)?.slice(0, 80)).toBeUndefined();
  });
});
