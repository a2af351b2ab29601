// Must stay the first import: zod reads `jitless` when the shared schemas are constructed.
import './zod-jitless';
import type { PropsWithChildren } from 'react';
import { useDidShow, useLaunch } from '@tarojs/taro';
import { startSession } from './api/sign-in';
import { referralOnLaunch, referralOnShow } from './utils/launch-referral';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch((options) => {
    // Catalog pages do not wait for this; requests needing a token wait for the login in flight.
    const signedIn = startSession().catch(() => undefined);
    // A shared path's `ref` or a mini-program code's `scene`: bound once logged in, in the background.
    referralOnLaunch(options, signedIn);
  });
  // A hot start from another share card or code brings its own options.
  useDidShow((options) => referralOnShow(options));
  return children;
}

export default App;
