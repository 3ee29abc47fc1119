import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { groupMarks, type MarkKind } from './logic';
import { SENTENCE_MARKS_REQUEST, type SentenceMark } from '../../protocol/protocol';
import { sendRequest } from './requests';

const ARTICLE_LANGUAGES = new Set(['plaintext', 'markdown']);

/**
 * In articles, annotated sentences get a subtle background and a gutter mark
 * coloured by the polarity of their stances (theme colours `standpoint.*`),
 * unless `standpoint.decorations.enabled` is off.
 */
export class ArticleDecorations implements vscode.Disposable {
  private readonly types: Record<MarkKind, vscode.TextEditorDecorationType>;
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: LanguageClient,
    context: vscode.ExtensionContext,
  ) {
    const type = (kind: MarkKind) =>
      vscode.window.createTextEditorDecorationType({
        backgroundColor: new vscode.ThemeColor(`standpoint.${kind}Background`),
        overviewRulerColor: new vscode.ThemeColor(`standpoint.${kind}Ruler`),
        overviewRulerLane: vscode.OverviewRulerLane.Left,
        gutterIconPath: context.asAbsolutePath(`media/gutter-${kind}.svg`),
        gutterIconSize: '70%',
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      });
    this.types = { supports: type('supports'), opposes: type('opposes'), mixed: type('mixed'), tagged: type('tagged') };
    this.subscriptions.push(
      vscode.window.onDidChangeVisibleTextEditors(() => this.refreshVisible()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('standpoint.decorations')) this.refreshVisible();
      }),
    );
  }

  get enabled(): boolean {
    return vscode.workspace.getConfiguration('standpoint').get<boolean>('decorations.enabled', true);
  }

  /** Re-decorates the visible articles (soon, coalescing bursts of changes). */
  refreshVisible(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      for (const editor of vscode.window.visibleTextEditors) void this.decorate(editor);
    }, 50);
  }

  private async decorate(editor: vscode.TextEditor): Promise<void> {
    if (!ARTICLE_LANGUAGES.has(editor.document.languageId) || editor.document.uri.scheme !== 'file') return;
    let marks: SentenceMark[] = [];
    if (this.enabled && this.client.isRunning()) {
      try {
        marks = await sendRequest(this.client, SENTENCE_MARKS_REQUEST, { uri: this.client.code2ProtocolConverter.asUri(editor.document.uri) });
      } catch {
        marks = [];
      }
    }
    const groups = groupMarks(marks);
    for (const kind of Object.keys(this.types) as MarkKind[]) {
      const options = groups[kind].map((mark) => ({
        range: this.client.protocol2CodeConverter.asRange(mark.range),
        hoverMessage: undefined,
      }));
      editor.setDecorations(this.types[kind], options);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const type of Object.values(this.types)) type.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
