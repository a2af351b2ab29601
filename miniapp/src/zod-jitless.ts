import { z } from 'zod';

/**
 * WeChat's runtime forbids `new Function`, which zod 4 probes to JIT-compile object parsers.
 * zod reads this flag when each object schema is *constructed*, so this module must run before
 * any schema module (the shared contract) is evaluated: it is the first import of app.tsx and of
 * api/client.ts. ES imports run in order, so a `z.config` call in an importer's body would be too late.
 */
z.config({ jitless: true });
