import { readFileSync } from 'node:fs';
import type { Provider } from '@nestjs/common';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { BUILT_IN_KEYWORDS } from './content-keywords';
import { KeywordFilter, parseKeywordFile } from './keyword-filter';

/** The forbidden-word filter: the built-in list plus CONTENT_KEYWORDS_FILE (read once at start-up). */
export const KeywordFilterProvider: Provider = {
  provide: KeywordFilter,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => {
    const extra: string[] = [];
    if (config.content.keywordsFile) {
      try {
        extra.push(...parseKeywordFile(readFileSync(config.content.keywordsFile, 'utf8')));
      } catch {
        throw new Error('CONTENT_KEYWORDS_FILE: the file cannot be read');
      }
    }
    return new KeywordFilter([...BUILT_IN_KEYWORDS, ...extra]);
  },
};
