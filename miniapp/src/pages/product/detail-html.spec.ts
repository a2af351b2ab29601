import { fitDetailHtml } from './detail-html';

const resolve = (src: string) => (src.startsWith('/') ? `http://api.test${src}` : src);
const FIT = 'style="max-width:100%;height:auto;display:block"';

describe('fitDetailHtml', () => {
  it.each<[string, string, string]>([
    ['no images', '<p>好物</p>', '<p>好物</p>'],
    [
      'relative src resolved, style added',
      '<img src="/media/a.png">',
      `<img ${FIT} src="http://api.test/media/a.png">`,
    ],
    [
      'existing style kept',
      '<img src="/media/a.png" style="width:100%" />',
      '<img src="http://api.test/media/a.png" style="width:100%" />',
    ],
    ['absolute src untouched', "<IMG src='https://cdn.test/b.jpg'>", `<img ${FIT} src='https://cdn.test/b.jpg'>`],
    [
      'every image',
      '<p>x</p><img src="/1.png"><img src="/2.png">',
      `<p>x</p><img ${FIT} src="http://api.test/1.png"><img ${FIT} src="http://api.test/2.png">`,
    ],
  ])('%s', (_case, html, expected) => {
    expect(fitDetailHtml(html, resolve)).toBe(expected);
  });
});
