/**
 * Prepares the merchant's detail HTML for `RichText`: each `<img>` gets its server-relative `src`
 * resolved (weapp has no page origin to resolve against) and, unless it is styled already, a style
 * that keeps it inside the screen width.
 */
export function fitDetailHtml(html: string, resolve: (src: string) => string): string {
  return html.replace(/<img\b([^>]*)>/gi, (_tag, attrs: string) => {
    const withSrc = attrs.replace(
      /\bsrc=(["'])(.*?)\1/i,
      (_m, quote: string, src: string) => `src=${quote}${resolve(src)}${quote}`,
    );
    const style = /\bstyle=/i.test(withSrc) ? '' : ' style="max-width:100%;height:auto;display:block"';
    return `<img${style}${withSrc}>`;
  });
}
