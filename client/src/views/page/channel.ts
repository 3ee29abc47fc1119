/** The page's side of the conversation with the extension, and its saved state (webview getState/setState). */
import type { ExtensionMessage, PageMessage, PageState } from '../messages';

/** Typed by what the page sends, what it receives and what it saves (the network and matrix pages' by default). */
export interface Channel<Out extends { type: string } = PageMessage, In extends { type: string } = ExtensionMessage, State = PageState> {
  post(message: Out): void;
  /** What the page saved before a reload, if anything (checked by the caller). */
  savedState(): unknown;
  saveState(state: State): void;
  /** Calls `receive` for each message from the extension. */
  listen(receive: (message: In) => void): void;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The real channel, in a VS Code webview (acquireVsCodeApi may be called once per page). */
export function vscodeChannel<Out extends { type: string } = PageMessage, In extends { type: string } = ExtensionMessage, State = PageState>(): Channel<Out, In, State> {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    savedState: () => api.getState(),
    saveState: (state) => api.setState(state),
    listen(receive) {
      window.addEventListener('message', (event: MessageEvent) => {
        // Only the extension posts to this page; its messages are plain data with a type.
        const data: unknown = event.data;
        if (typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string') receive(data as In);
      });
    },
  };
}

/** Reports problems a user should not need to see but a bug report should (CSP violations, uncaught errors) to the extension's log. */
export function reportProblems(channel: Pick<Channel<{ type: 'problem'; message: string }, never, never>, 'post'>): void {
  document.addEventListener('securitypolicyviolation', (event) => {
    channel.post({ type: 'problem', message: `Content-Security-Policy blocked ${event.blockedURI || 'inline content'} (${event.violatedDirective})` });
  });
  window.addEventListener('error', (event) => channel.post({ type: 'problem', message: `${event.message} (${event.filename}:${event.lineno})` }));
  window.addEventListener('unhandledrejection', (event) => channel.post({ type: 'problem', message: `unhandled: ${String(event.reason)}` }));
}
