// Must stay the first import: zod reads `jitless` when the shared schemas are constructed.
import './zod-jitless';
import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { startSession } from './api/sign-in';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Catalog pages do not wait for this; requests needing a token wait for the login in flight.
    startSession().catch(() => undefined);
  });
  return children;
}

export default App;
