// A small well-formedness check for the JUnit output (no XML dependency): one root, tags
// nested and closed, attributes quoted, only the five predefined entities or character
// references, no raw "<" or "&" in text. Returns the elements with their attributes.
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlElement[];
}

const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

function decode(s: string): string {
  if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(s)) throw new Error(`bare & in ${JSON.stringify(s)}`);
  return s.replace(ENTITY, (e) => {
    const named: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
    if (named[e]) return named[e];
    return String.fromCodePoint(e[2] === 'x' ? parseInt(e.slice(3, -1), 16) : parseInt(e.slice(2, -1), 10));
  });
}

export function parseXml(xml: string): XmlElement {
  let pos = 0;
  const decl = /^<\?xml[^?]*\?>\s*/.exec(xml);
  if (decl) pos = decl[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (pos < xml.length) {
    if (xml.startsWith('</', pos)) {
      const m = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(xml.slice(pos));
      if (!m) throw new Error(`bad closing tag at ${pos}`);
      const open = stack.pop();
      if (!open || open.name !== m[1]) throw new Error(`</${m[1]}> closes <${open?.name}> at ${pos}`);
      pos += m[0].length;
    } else if (xml[pos] === '<') {
      const m = /^<([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>/.exec(xml.slice(pos));
      if (!m) throw new Error(`bad tag at ${pos}: ${xml.slice(pos, pos + 60)}`);
      const attrs: Record<string, string> = {};
      for (const a of m[2].matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
        if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]}`);
        attrs[a[1]] = decode(a[2]);
      }
      const el: XmlElement = { name: m[1], attrs, text: '', children: [] };
      if (stack.length) stack[stack.length - 1].children.push(el);
      else if (root) throw new Error('more than one root element');
      else root = el;
      if (!m[3]) stack.push(el);
      pos += m[0].length;
    } else {
      const next = xml.indexOf('<', pos);
      const text = xml.slice(pos, next < 0 ? xml.length : next);
      if (stack.length) stack[stack.length - 1].text += decode(text);
      else if (text.trim()) throw new Error(`text outside the root: ${JSON.stringify(text.slice(0, 40))}`);
      pos = next < 0 ? xml.length : next;
    }
  }
  if (stack.length) throw new Error(`<${stack[stack.length - 1].name}> never closed`);
  if (!root) throw new Error('no root element');
  return root;
}
