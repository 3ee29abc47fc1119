/** The Compare Coders page's channel, played by the test; the answer it is sent is in ../views/agreementResult.ts. */
import type { AgreementExtensionMessage, AgreementPageMessage, AgreementPageState } from '../../src/views/messages';
import type { Channel } from '../../src/views/page/channel';

export { agreementResult, XSS } from '../views/agreementResult';

/** The page's channel, with the extension played by the test. */
export class FakeAgreementChannel implements Channel<AgreementPageMessage, AgreementExtensionMessage, AgreementPageState> {
  readonly sent: AgreementPageMessage[] = [];
  saved: AgreementPageState | undefined;
  private receiver: ((message: AgreementExtensionMessage) => void) | undefined;
  constructor(private readonly initial?: unknown) {}
  post(message: AgreementPageMessage): void {
    this.sent.push(message);
  }
  savedState(): unknown {
    return this.initial;
  }
  saveState(state: AgreementPageState): void {
    this.saved = JSON.parse(JSON.stringify(state));
  }
  listen(receive: (message: AgreementExtensionMessage) => void): void {
    this.receiver = receive;
  }
  deliver(message: AgreementExtensionMessage): void {
    this.receiver!(message);
  }
  ofType<T extends AgreementPageMessage['type']>(type: T): Extract<AgreementPageMessage, { type: T }>[] {
    return this.sent.filter((m): m is Extract<AgreementPageMessage, { type: T }> => m.type === type);
  }
}
