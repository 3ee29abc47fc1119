/** Entry of the Compare Coders page (bundled to dist/views/agreement.js). */
import type { AgreementExtensionMessage, AgreementPageMessage, AgreementPageState } from '../messages';
import { reportProblems, vscodeChannel } from './channel';
import { AgreementPage } from './agreementPage';

const channel = vscodeChannel<AgreementPageMessage, AgreementExtensionMessage, AgreementPageState>();
reportProblems(channel);
const root = document.createElement('main');
root.className = 'page agreement-page';
document.body.append(root);
new AgreementPage(root, { channel, now: () => performance.now() });
