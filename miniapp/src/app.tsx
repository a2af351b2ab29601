// Must stay the first import: zod reads `jitless` when the shared schemas are constructed.
import './zod-jitless';
import type { PropsWithChildren } from 'react';
import { useDidHide, useDidShow, useLaunch } from '@tarojs/taro';
import { startSession } from './api/sign-in';
import { flush } from './utils/events';
import { appLaunched, appShown } from './utils/launch';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch((options) => {
    // Catalog pages do not wait for this; requests needing a token wait for the login in flight.
    const signedIn = startSession().catch(() => undefined);
    // POST /launch once logged in, in the background: the visit (scene, share ticket's group, sharer,
    // post) and the binding of a shared path's `ref` or a mini-program code's `scene`.
    appLaunched(options, signedIn);
  });
  // A hot start from another share card or code brings its own options.
  useDidShow((options) => appShown(options));
  // Queued behaviour events leave before the app goes to the background.
  useDidHide(() => void flush());
  return children;
}

export default App;
