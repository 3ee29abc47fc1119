/** Entry of the Stance Matrix page (bundled to dist/views/matrix.js). */
import { reportProblems, vscodeChannel } from './channel';
import { MatrixPage } from './matrixPage';

const channel = vscodeChannel();
reportProblems(channel);
const root = document.createElement('main');
root.className = 'page matrix-page';
document.body.append(root);
new MatrixPage(root, {
  channel,
  now: () => performance.now(),
  afterFrame: (callback) => requestAnimationFrame(() => requestAnimationFrame(callback)),
});
