/** Entry of the Stance Network page (bundled to dist/views/network.js). */
import { reportProblems, vscodeChannel } from './channel';
import { NetworkPage } from './networkPage';
import { createSigmaRenderer } from './sigmaRenderer';
import { documentPalette, onThemeChange } from './theme';

const channel = vscodeChannel();
reportProblems(channel);
const root = document.createElement('main');
root.className = 'page network-page';
document.body.append(root);
const page = new NetworkPage(root, {
  channel,
  createRenderer: createSigmaRenderer,
  palette: documentPalette,
  now: () => performance.now(),
  afterFrame: (callback) => requestAnimationFrame(() => requestAnimationFrame(callback)),
});
onThemeChange(() => page.themeChanged());
// For the end-to-end test, which clicks nodes and ties it cannot see in the DOM (they are drawn with WebGL).
(window as unknown as { standpointNetwork: unknown }).standpointNetwork = page.testHooks();
