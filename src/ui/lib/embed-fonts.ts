// The page's web fonts as @font-face rules with the font files inlined as data: URLs. An SVG
// drawn as an image (how a chart becomes a PNG) may load nothing from outside itself, so
// without them its text falls back to another font, wider or narrower than the one the labels
// were placed for.

let cached: Promise<string> | undefined;

/** The rules for `family` (default the lab's Inter), fetched once per page; "" when they cannot be read. */
export function embeddedFontCss(family = 'Inter'): Promise<string> {
  cached ??= collect(family).catch(() => '');
  return cached;
}

async function collect(family: string): Promise<string> {
  const rules: Promise<string>[] = [];
  for (const sheet of document.styleSheets) {
    let list: CSSRuleList;
    try {
      list = sheet.cssRules;
    } catch {
      continue; // another origin's sheet: its rules cannot be read
    }
    for (const rule of list) {
      if (!(rule instanceof CSSFontFaceRule)) continue;
      if (rule.style.getPropertyValue('font-family').replace(/["']/g, '').trim() !== family) continue;
      const src = rule.style.getPropertyValue('src');
      const url = (/url\(["']?([^"')]+\.woff2)["']?\)/.exec(src) ?? /url\(["']?([^"')]+)["']?\)/.exec(src))?.[1];
      if (!url) continue;
      const weight = rule.style.getPropertyValue('font-weight') || '400';
      const style = rule.style.getPropertyValue('font-style') || 'normal';
      rules.push(dataUrl(new URL(url, sheet.href ?? document.baseURI)).then((data) => `@font-face{font-family:${family};font-style:${style};font-weight:${weight};src:url(${data})}`));
    }
  }
  return (await Promise.all(rules)).join('\n');
}

async function dataUrl(url: URL): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const blob = await response.blob();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}
