// Asset URLs in the template's HTML: relative URLs in static attributes (`<img src="./logo.png">`)
// found in the Text nodes, so that codegen writes an imported URL in their place (the plugin's
// `assetUrls`, as @vitejs/plugin-vue's transformAssetUrls).
import type { TemplateNode, TemplateRoot, Text } from './nodes.js'

/** Tags and their attributes whose relative URLs are assets (Vue's defaults, plus srcset, audio, link). */
export const DEFAULT_ASSET_URLS: Record<string, string[]> = {
  img: ['src', 'srcset'],
  source: ['src', 'srcset'],
  video: ['src', 'poster'],
  audio: ['src'],
  track: ['src'],
  image: ['xlink:href', 'href'],
  use: ['xlink:href', 'href'],
  link: ['href'],
}

export interface AssetUrlOptions {
  /** tag name -> attribute names (lower case) */
  tags: Record<string, string[]>
  /** a query added to each import (`url`: Vite's `?url`, a URL whatever the file type); none by default */
  query?: string
}

/** A Text node cut into literal text and asset references (the import's specifier). */
export type AssetPiece = { text: string; at: number } | { asset: string; at: number }

/** What codegen needs: the pieces of each Text node holding asset URLs. */
export type AssetPieces = Map<Text, AssetPiece[]>

interface Segment {
  node: Text
  /** offset of the node's value in the stream */
  from: number
}

/** Elements whose content is not markup: their text is never scanned for tags. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'plaintext'])

/**
 * The template's markup is cut by expressions, control lines and tags: its Text nodes are
 * read as one stream, in document order, with a NUL where anything else stands. An attribute
 * value that holds a NUL (a `${}` in it) is dynamic and stays as it is; one that lies in one
 * Text node is static, and a relative URL in it (`./`, `../`, `~`, `@`) is an asset.
 */
export function findAssetUrls(root: TemplateRoot, options: AssetUrlOptions): AssetPieces {
  const segments: Segment[] = []
  let stream = ''
  const walk = (nodes: TemplateNode[]) => {
    for (const n of nodes) {
      if (n.type === 'Text') {
        segments.push({ node: n, from: stream.length })
        stream += n.value
        continue
      }
      stream += '\0'
      if (n.type === 'ControlBlock') {
        for (const b of n.branches) {
          walk(b.children)
          stream += '\0'
        }
      } else if ('children' in n && n.type !== 'TextTag') {
        walk(n.children)
        stream += '\0'
      }
    }
  }
  walk(root.children)

  const found: { start: number; end: number }[] = []
  const tags = new Map(Object.entries(options.tags).map(([t, attrs]) => [t.toLowerCase(), new Set(attrs.map((a) => a.toLowerCase()))]))
  for (const attr of scanAttributes(stream)) {
    const attrs = tags.get(attr.tag)
    if (!attrs?.has(attr.name)) continue
    const value = stream.slice(attr.start, attr.end)
    if (value.includes('\0')) continue
    if (attr.name === 'srcset') {
      for (const c of srcsetUrls(value)) if (isRelativeUrl(c.url)) found.push({ start: attr.start + c.start, end: attr.start + c.start + c.url.length })
    } else {
      const lead = value.length - value.trimStart().length
      const url = value.trim()
      if (isRelativeUrl(url)) found.push({ start: attr.start + lead, end: attr.start + lead + url.length })
    }
  }

  const pieces: AssetPieces = new Map()
  let s = 0
  for (const ref of found) {
    while (s + 1 < segments.length && segments[s + 1].from <= ref.start) s++
    const seg = segments[s]
    if (!seg) break
    const value = seg.node.value
    if (ref.end > seg.from + value.length) continue
    let list = pieces.get(seg.node)
    let done = 0
    if (!list) pieces.set(seg.node, (list = []))
    else done = consumed(list)
    const start = ref.start - seg.from
    const end = ref.end - seg.from
    // source offsets: exact when the node's value is its source text (no `\` line joins, `%%`)
    const at = (k: number) => seg.node.start + (value === sourceOf(root, seg.node) ? k : 0)
    if (start > done) list.push({ text: value.slice(done, start), at: at(done) })
    let url = value.slice(start, end)
    const hash = url.indexOf('#')
    const fragment = hash < 0 ? '' : url.slice(hash)
    if (hash >= 0) url = url.slice(0, hash)
    if (url.startsWith('~')) url = url.slice(url[1] === '/' ? 2 : 1)
    // (a fragment names a part of the file, `<use href="sprite.svg#icon">`: never inlined as a data: URL)
    if (options.query) url += (url.includes('?') ? '&' : '?') + (fragment && options.query === 'url' ? 'no-inline&' : '') + options.query
    list.push({ asset: url, at: at(start) })
    if (fragment) list.push({ text: fragment, at: at(start + hash) })
    ;(list as AssetPiece[] & { done?: number }).done = end
  }
  for (const [node, list] of pieces) {
    const done = consumed(list)
    if (done < node.value.length) list.push({ text: node.value.slice(done), at: node.start + (node.value === sourceOf(root, node) ? done : 0) })
    // a fragment and the text after it: one string
    for (let i = list.length - 1; i > 0; i--) {
      const a = list[i - 1], b = list[i]
      if ('text' in a && 'text' in b) {
        list[i - 1] = { text: a.text + b.text, at: a.at }
        list.splice(i, 1)
      }
    }
  }
  return pieces
}

function consumed(list: AssetPiece[]): number {
  return (list as AssetPiece[] & { done?: number }).done ?? 0
}

function sourceOf(root: TemplateRoot, node: Text): string {
  return root.source.slice(node.start, node.end)
}

/** Vue's rule: `./x`, `../x`, `~x` (a module request) and `@x` (an alias) are the bundler's; anything else stays. */
export function isRelativeUrl(url: string): boolean {
  const c = url.charAt(0)
  return (c === '.' || c === '~' || c === '@') && url.length > 1 && !url.includes('${')
}

/** srcset candidates (the HTML spec's parse: a URL is a run of non-space characters, a trailing comma ends it). */
export function srcsetUrls(value: string): { url: string; start: number }[] {
  const out: { url: string; start: number }[] = []
  let i = 0
  while (i < value.length) {
    while (i < value.length && (/\s/.test(value[i]) || value[i] === ',')) i++
    if (i >= value.length) break
    const start = i
    while (i < value.length && !/\s/.test(value[i])) i++
    let url = value.slice(start, i)
    const trailing = /,+$/.exec(url)
    if (trailing) url = url.slice(0, -trailing[0].length)
    else {
      // descriptors, up to the comma that ends the candidate
      while (i < value.length && value[i] !== ',') {
        if (value[i] === '(') {
          const close = value.indexOf(')', i)
          i = close < 0 ? value.length : close + 1
        } else i++
      }
    }
    if (url) out.push({ url, start })
  }
  return out
}

/** Every attribute of every start tag in the markup: tag (lower case), name (lower case) and the value's span. */
export function* scanAttributes(html: string): Generator<{ tag: string; name: string; start: number; end: number }> {
  const len = html.length
  let i = 0
  while (i < len) {
    const lt = html.indexOf('<', i)
    if (lt < 0) return
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4)
      i = close < 0 ? len : close + 3
      continue
    }
    const m = /^<([A-Za-z][\w:.-]*)/.exec(html.slice(lt, lt + 64))
    if (!m) {
      i = lt + 1
      continue
    }
    const tag = m[1].toLowerCase()
    i = lt + m[0].length
    for (;;) {
      while (i < len && (/\s/.test(html[i]) || html[i] === '\0' || html[i] === '/')) i++
      if (i >= len || html[i] === '>' || html[i] === '<') break
      const nameStart = i
      while (i < len && !/[\s"'>/=\0]/.test(html[i])) i++
      if (i === nameStart) {
        i++
        continue
      }
      const name = html.slice(nameStart, i).toLowerCase()
      let j = i
      while (j < len && /\s/.test(html[j])) j++
      if (html[j] !== '=') continue
      j++
      while (j < len && /\s/.test(html[j])) j++
      const q = html[j]
      if (q === '"' || q === "'") {
        const close = html.indexOf(q, j + 1)
        if (close < 0) return
        yield { tag, name, start: j + 1, end: close }
        i = close + 1
      } else {
        const start = j
        while (j < len && !/[\s>]/.test(html[j])) j++
        yield { tag, name, start, end: j }
        i = j
      }
    }
    if (html[i] === '>') i++
    if (RAW_TEXT.has(tag)) {
      const re = new RegExp(`</${tag}[\\s/>]`, 'gi')
      re.lastIndex = i
      const close = re.exec(html)
      i = close ? close.index : len
    }
  }
}
