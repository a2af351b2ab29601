/**
 * `Intl.DateTimeFormat` instances by locale, time zone and options, made once: creating one costs
 * far more than formatting with it (it showed in the profiles of order creation and pricing).
 * Pure: a formatter never changes.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function zonedFormatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, formatter);
  }
  return formatter;
}
